import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';

/** Persistence of inbound API keys. Writes take the caller's transaction manager. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, values: Omit<ApiKeyEntity, 'id'>): Promise<ApiKeyEntity> {
    const entity = manager.create(ApiKeyEntity, values);
    return manager.save(ApiKeyEntity, entity);
  }

  listAll(): Promise<ApiKeyEntity[]> {
    return this.repo().find({ order: { id: 'ASC' } });
  }

  findById(id: number): Promise<ApiKeyEntity | null> {
    return this.repo().findOneBy({ id });
  }

  findByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.repo().findOneBy({ keyHash });
  }

  /** True when a key was deleted. */
  async deleteById(manager: EntityManager, id: number): Promise<boolean> {
    const result = await manager.delete(ApiKeyEntity, { id });
    return (result.affected ?? 0) > 0;
  }

  async recordUse(manager: EntityManager, id: number, at: Date): Promise<void> {
    await manager.update(ApiKeyEntity, { id }, { lastUsedAt: at });
  }

  private repo(): Repository<ApiKeyEntity> {
    return this.dataSource.getRepository(ApiKeyEntity);
  }
}
