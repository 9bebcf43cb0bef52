import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { SyncObjectEntity } from './sync-object.entity';

/**
 * A locking read sees the latest committed rows. TypeORM's shared lock writes `FOR SHARE`, which
 * MariaDB refuses; `FOR UPDATE` works on both (used only when the configuration changed).
 */
function latestLock(unitOfWork: UnitOfWork, options: { latest?: boolean }): { lock?: { mode: 'pessimistic_write' } } {
  return options.latest && unitOfWork.activeManager && unitOfWork.dialect === 'mysql' ? { lock: { mode: 'pessimistic_write' } } : {};
}

@Injectable()
export class SyncObjectRepository {
  /** Inside a UnitOfWork transaction (e.g. a config import) reads and writes join it. */
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo(): Repository<SyncObjectEntity> {
    return this.unitOfWork.manager().getRepository(SyncObjectEntity);
  }

  list(): Promise<SyncObjectEntity[]> {
    return this.repo().find({ order: { id: 'ASC' } });
  }

  /**
   * `latest`: inside a MySQL/MariaDB transaction, read the latest committed rows (a
   * locking read) rather than the transaction's snapshot.
   */
  listActive(options: { latest?: boolean } = {}): Promise<SyncObjectEntity[]> {
    return this.repo().find({ where: { active: true }, order: { id: 'ASC' }, ...latestLock(this.unitOfWork, options) });
  }

  findById(id: number): Promise<SyncObjectEntity | null> {
    return this.repo().findOneBy({ id });
  }

  findByName(name: string): Promise<SyncObjectEntity | null> {
    return this.repo().findOneBy({ name });
  }

  async namesUsingWebService(webServiceId: number): Promise<string[]> {
    return (await this.repo().find({ where: { webServiceId }, select: { name: true } })).map((o) => o.name);
  }

  async namesUsingSyncModel(syncModelId: number): Promise<string[]> {
    return (await this.repo().find({ where: { syncModelId }, select: { name: true } })).map((o) => o.name);
  }

  save(entity: SyncObjectEntity): Promise<SyncObjectEntity> {
    return this.repo().save(entity);
  }

  async remove(id: number): Promise<void> {
    await this.repo().delete({ id });
  }
}
