import { Injectable } from '@nestjs/common';
import { FindOptionsWhere, Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditEntryEntity } from './audit-entry.entity';
import type { AuditAction, AuditResource } from './audit.types';

export interface AuditFilter {
  resourceType?: AuditResource;
  resourceId?: string;
  action?: AuditAction;
  limit: number;
  offset: number;
}

/** Persistence of audit entries, in the ambient transaction (the write it describes commits with it). */
@Injectable()
export class AuditRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async insert(values: Omit<AuditEntryEntity, 'id'>): Promise<AuditEntryEntity> {
    return this.repo().save(this.repo().create(values));
  }

  async list(filter: AuditFilter): Promise<{ items: AuditEntryEntity[]; total: number }> {
    const where: FindOptionsWhere<AuditEntryEntity> = {};
    if (filter.resourceType) where.resourceType = filter.resourceType;
    if (filter.resourceId) where.resourceId = filter.resourceId;
    if (filter.action) where.action = filter.action;
    const [items, total] = await this.repo().findAndCount({ where, order: { id: 'DESC' }, take: filter.limit, skip: filter.offset });
    return { items, total };
  }

  private repo(): Repository<AuditEntryEntity> {
    return this.unitOfWork.manager().getRepository(AuditEntryEntity);
  }
}
