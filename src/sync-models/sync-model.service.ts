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
    return this.save(entity);
  }

  async update(id: number, dto: UpdateSyncModelDto): Promise<SyncModelView> {
    const entity = await this.getEntity(id);
    if (dto.code !== undefined && dto.code !== entity.code) await this.checkCodeFree(dto.code, id);
    if (dto.name !== undefined) entity.name = dto.name;
    if (dto.code !== undefined) entity.code = dto.code;
    if (dto.fields !== undefined) entity.fields = normalizeFields(dto.fields);
    return this.save(entity);
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
    });
    this.listeners.forEach((listener) => listener());
  }

  private async save(entity: SyncModelEntity): Promise<SyncModelView> {
    const now = new Date();
    entity.createdAt ??= now;
    entity.updatedAt = now;
    const saved = await this.unitOfWork.run(async () => {
      await this.configVersion.change();
      return this.repository.save(entity);
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
