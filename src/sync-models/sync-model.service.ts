import { AuditService } from '../audit/audit.service';
import { Injectable } from '@nestjs/common';
import { ConflictError, FieldProblem, NotFoundError, ValidationError } from '../common/errors';
import { UsageChecks } from '../common/usage-checks';
import { ConfigVersion } from '../database/config-version';
import { UnitOfWork } from '../database/unit-of-work';
import { CreateSyncModelDto, UpdateSyncModelDto } from './dto/sync-model.dto';
import { SyncModelEntity, SyncModelField } from './sync-model.entity';
import { SyncModelRepository } from './sync-model.repository';

/** Who uses a sync model (sync objects register a check); deleting a used model is refused. */
@Injectable()
export class SyncModelUsage extends UsageChecks {}

/** One use of a sync-model field by an active sync object: a mapping, or its external ref field. */
export interface SyncModelFieldUse {
  syncObjectId: number;
  syncObject: string;
  /** Where in the object: `fields.2` (a mapping) or `externalRefField`. */
  at: string;
  /** The sync-model field used. */
  externalField: string;
  /** The Odoo field it maps to (for a mapping). */
  odooField?: string;
}

/**
 * Which sync-model fields active sync objects use (sync objects register the check, as for
 * SyncModelUsage), so dropping a used field is refused without importing sync-objects.
 */
@Injectable()
export class SyncModelFieldUsage {
  private readonly checks: ((syncModelId: number) => Promise<SyncModelFieldUse[]>)[] = [];

  register(check: (syncModelId: number) => Promise<SyncModelFieldUse[]>): void {
    this.checks.push(check);
  }

  async usesOf(syncModelId: number): Promise<SyncModelFieldUse[]> {
    return (await Promise.all(this.checks.map((check) => check(syncModelId)))).flat();
  }
}

export interface SyncModelUpdateOptions {
  /**
   * A config import changes sync objects after their sync models, in one transaction: it checks
   * the fields in use itself (checkFieldsInUse) once the objects are updated.
   */
  deferFieldCheck?: boolean;
}

export interface SyncModelView {
  id: number;
  name: string;
  code: string;
  fields: SyncModelField[];
  createdAt: Date;
  updatedAt: Date;
}

/** Rules for external model schemas (the seed's "Synchronization models"). */
@Injectable()
export class SyncModelsService {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly repository: SyncModelRepository,
    private readonly usage: SyncModelUsage,
    private readonly unitOfWork: UnitOfWork,
    private readonly configVersion: ConfigVersion,
    private readonly fieldUsage: SyncModelFieldUsage,
    private readonly audit: AuditService,
  ) {}

  /** Called after every change, so caches built on sync models can drop their entries. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  async list(): Promise<SyncModelView[]> {
    return (await this.repository.list()).map(view);
  }

  async get(id: number): Promise<SyncModelView> {
    return view(await this.getEntity(id));
  }

  async getEntity(id: number): Promise<SyncModelEntity> {
    const entity = await this.repository.findById(id);
    if (!entity) throw new NotFoundError('SYNC_MODEL.NOT_FOUND', `sync model ${id} does not exist`);
    return entity;
  }

  /** Several models at once; `latest` as in SyncModelRepository.findByIds. */
  entitiesByIds(ids: number[], options: { latest?: boolean } = {}): Promise<SyncModelEntity[]> {
    return this.repository.findByIds(ids, options);
  }

  findByCode(code: string): Promise<SyncModelEntity | null> {
    return this.repository.findByCode(code);
  }

  async create(dto: CreateSyncModelDto): Promise<SyncModelView> {
    const entity = Object.assign(new SyncModelEntity(), { name: dto.name, code: dto.code, fields: normalizeFields(dto.fields) });
    await this.checkCodeFree(entity.code);
    return this.save(entity, null);
  }

  async update(id: number, dto: UpdateSyncModelDto, options: SyncModelUpdateOptions = {}): Promise<SyncModelView> {
    const entity = await this.getEntity(id);
    const before = { ...entity };
    if (dto.code !== undefined && dto.code !== entity.code) await this.checkCodeFree(dto.code, id);
    if (dto.name !== undefined) entity.name = dto.name;
    if (dto.code !== undefined) entity.code = dto.code;
    if (dto.fields !== undefined) {
      entity.fields = normalizeFields(dto.fields);
      if (!options.deferFieldCheck) await this.refuseMissingFieldsInUse(entity);
    }
    return this.save(entity, before);
  }

  /** 409 SYNC_MODEL.FIELD_IN_USE if an active sync object maps a field the sync model no longer has. */
  async checkFieldsInUse(id: number): Promise<void> {
    await this.refuseMissingFieldsInUse(await this.getEntity(id));
  }

  private async refuseMissingFieldsInUse(entity: SyncModelEntity): Promise<void> {
    const names = new Set(entity.fields.map((f) => f.name));
    const broken = (await this.fieldUsage.usesOf(entity.id)).filter((use) => !names.has(use.externalField));
    if (!broken.length) return;
    const fields = [...new Set(broken.map((use) => use.externalField))].sort();
    const users = broken.map((use) => `"${use.syncObject}" ${use.at} (${use.odooField ? `${use.odooField} ↔ ` : ''}${use.externalField})`);
    throw new ConflictError(
      'SYNC_MODEL.FIELD_IN_USE',
      `sync model ${entity.code}: ${fields.join(', ')} ${fields.length > 1 ? 'are' : 'is'} used by active sync objects: ` +
        `${users.join('; ')}; change those objects first`,
      {
        details: broken.map((use) => ({
          field: 'fields',
          problem: `${use.externalField} is used by sync object "${use.syncObject}" (id ${use.syncObjectId}) at ${use.at}`,
        })),
      },
    );
  }

  async remove(id: number): Promise<void> {
    const entity = await this.getEntity(id);
    const users = await this.usage.usersOf(id);
    if (users.length) {
      throw new ConflictError('SYNC_MODEL.IN_USE', `sync model ${entity.code} is used by sync objects: ${users.join(', ')}`);
    }
    await this.unitOfWork.run(async () => {
      await this.configVersion.change();
      await this.repository.remove(id);
      await this.audit.record({ action: 'delete', resourceType: 'sync-model', resourceId: id, label: entity.code, before: entity });
    });
    this.listeners.forEach((listener) => listener());
  }

  private async save(entity: SyncModelEntity, before: object | null): Promise<SyncModelView> {
    const now = new Date();
    entity.createdAt ??= now;
    entity.updatedAt = now;
    const saved = await this.unitOfWork.run(async () => {
      await this.configVersion.change();
      const stored = await this.repository.save(entity);
      await this.audit.record({
        action: before ? 'update' : 'create',
        resourceType: 'sync-model',
        resourceId: stored.id,
        label: stored.code,
        before,
        after: stored,
      });
      return stored;
    });
    return this.saved(saved);
  }

  private saved(entity: SyncModelEntity): SyncModelView {
    this.listeners.forEach((listener) => listener());
    return view(entity);
  }

  /** Codes are unique regardless of case (MySQL's collation would say so anyway; SQLite must agree). */
  private async checkCodeFree(code: string, exceptId?: number): Promise<void> {
    const clash = (await this.repository.list()).find((m) => m.id !== exceptId && m.code.toLowerCase() === code.toLowerCase());
    if (clash) {
      throw new ConflictError('SYNC_MODEL.DUPLICATE_CODE', `code: sync model "${clash.name}" already uses code ${clash.code}`, {
        details: [{ field: 'code', problem: `already used by sync model ${clash.id}` }],
      });
    }
  }
}

function normalizeFields(fields: SyncModelField[]): SyncModelField[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    if (seen.has(field.name)) problems.push({ field: `fields.${index}.name`, problem: `duplicate field name ${field.name}` });
    seen.add(field.name);
  });
  if (problems.length)
    throw new ValidationError('SYNC_MODEL.INVALID_FIELDS', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
  return fields.map(({ name, code, type }) => ({ name, code, type }));
}

function view(entity: SyncModelEntity): SyncModelView {
  const { id, name, code, fields, createdAt, updatedAt } = entity;
  return { id, name, code, fields, createdAt, updatedAt };
}
