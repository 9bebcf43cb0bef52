import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { ApiKeyEntity } from './api-key.entity';

/** Persistence of inbound API keys, in the ambient transaction (UnitOfWork). */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async insert(values: Omit<ApiKeyEntity, 'id'>): Promise<ApiKeyEntity> {
    return this.repo().save(this.repo().create(values));
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
  async deleteById(id: number): Promise<boolean> {
    const result = await this.repo().delete({ id });
    return (result.affected ?? 0) > 0;
  }

  async recordUse(id: number, at: Date): Promise<void> {
    await this.repo().update({ id }, { lastUsedAt: at });
  }

  private repo(): Repository<ApiKeyEntity> {
    return this.unitOfWork.manager().getRepository(ApiKeyEntity);
  }
}
