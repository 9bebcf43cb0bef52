import { Injectable } from '@nestjs/common';
import { In, Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { SyncModelEntity } from './sync-model.entity';

@Injectable()
export class SyncModelRepository {
  /** Inside a UnitOfWork transaction (e.g. a config import) reads and writes join it. */
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo(): Repository<SyncModelEntity> {
    return this.unitOfWork.manager().getRepository(SyncModelEntity);
  }

  list(): Promise<SyncModelEntity[]> {
    return this.repo().find({ order: { code: 'ASC' } });
  }

  findById(id: number): Promise<SyncModelEntity | null> {
    return this.repo().findOneBy({ id });
  }

  /** `latest`: inside a MySQL/MariaDB transaction, the latest committed rows (a locking read, `FOR UPDATE`). */
  findByIds(ids: number[], options: { latest?: boolean } = {}): Promise<SyncModelEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    const latest = options.latest && this.unitOfWork.activeManager && this.unitOfWork.dialect === 'mysql';
    return this.repo().find({ where: { id: In(ids) }, ...(latest ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findByCode(code: string): Promise<SyncModelEntity | null> {
    return this.repo().findOneBy({ code });
  }

  save(entity: SyncModelEntity): Promise<SyncModelEntity> {
    return this.repo().save(entity);
  }

  async remove(id: number): Promise<void> {
    await this.repo().delete({ id });
  }
}
