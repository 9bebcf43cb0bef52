import { Injectable } from '@nestjs/common';
import { EntityManager, Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { SyncModelEntity } from './sync-model.entity';

@Injectable()
export class SyncModelRepository {
  /** Inside a UnitOfWork transaction (e.g. a config import) reads and writes join it. */
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo(manager?: EntityManager): Repository<SyncModelEntity> {
    return this.unitOfWork.manager(manager).getRepository(SyncModelEntity);
  }

  list(): Promise<SyncModelEntity[]> {
    return this.repo().find({ order: { code: 'ASC' } });
  }

  findById(id: number, manager?: EntityManager): Promise<SyncModelEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findByCode(code: string, manager?: EntityManager): Promise<SyncModelEntity | null> {
    return this.repo(manager).findOneBy({ code });
  }

  save(entity: SyncModelEntity, manager?: EntityManager): Promise<SyncModelEntity> {
    return this.repo(manager).save(entity);
  }

  async remove(id: number): Promise<void> {
    await this.repo().delete({ id });
  }
}
