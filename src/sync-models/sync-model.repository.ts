import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { SyncModelEntity } from './sync-model.entity';

@Injectable()
export class SyncModelRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager): Repository<SyncModelEntity> {
    return (manager ?? this.dataSource.manager).getRepository(SyncModelEntity);
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
