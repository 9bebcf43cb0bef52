import { AuditService } from '../audit/audit.service';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors';
import { AppConfig, appConfig } from '../config/app.config';
import { ConfigVersion } from '../database/config-version';
import { UnitOfWork } from '../database/unit-of-work';
import { ModelRegistry } from '../odoo/model.registry';
import { SyncModelFieldUsage, SyncModelsService, SyncModelUsage } from '../sync-models/sync-model.service';
import { WebServicesService, WebServiceUsage } from '../web-services/web-services.service';
import { SyncGuardDto } from './dto/guard.dto';
import { SyncGuard } from './guard';
import { CreateSyncObjectDto, EndpointDto, FieldMappingDto, ScheduleDto, UpdateSyncObjectDto } from './dto/sync-object.dto';
import { DEFAULT_TIMEZONE, nextRunAfter, scheduleOf } from './schedule';
import { SyncObjectCatalog } from './sync-object.catalog';
import { SyncObjectEntity } from './sync-object.entity';
import { SyncObjectRepository } from './sync-object.repository';
import { checkSyncObject } from './sync-object.rules';
import {
  DEFAULT_ENDPOINTS,
  DEFAULT_SCHEMA_DRIFT,
  EndpointSetting,
  FieldMapping,
  receivesFromExternal,
  ScheduleUnit,
} from './sync-object.types';
import { SyncObjectView, toView } from './sync-object.view';

const DEFAULTS = {
  priority: 'odoo',
  odooRefField: 'x_sys_id',
  propagateDeletes: false,
  domain: '[]',
  limit: 100,
  drain: false,
  guard: null,
  schemaDrift: DEFAULT_SCHEMA_DRIFT,
  flapping: null,
  active: true,
} as const;
const DEFAULT_SCHEDULE: { interval: number; unit: ScheduleUnit } = { interval: 5, unit: 'minutes' };

/** Rules for sync objects (the seed's "Synchronization Objects"), validated as a whole on every change. */
@Injectable()
export class SyncObjectsService implements OnModuleInit {
  constructor(
    private readonly repository: SyncObjectRepository,
    private readonly catalog: SyncObjectCatalog,
    private readonly registry: ModelRegistry,
    private readonly syncModels: SyncModelsService,
    private readonly webServices: WebServicesService,
    private readonly webServiceUsage: WebServiceUsage,
    private readonly syncModelUsage: SyncModelUsage,
    private readonly unitOfWork: UnitOfWork,
    private readonly configVersion: ConfigVersion,
    private readonly syncModelFieldUsage: SyncModelFieldUsage,
    private readonly audit: AuditService,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.webServiceUsage.register((id) => this.repository.namesUsingWebService(id));
    this.syncModelUsage.register((id) => this.repository.namesUsingSyncModel(id));
    this.syncModelFieldUsage.register(async (id) =>
      (await this.repository.listActive())
        .filter((o) => o.syncModelId === id)
        .flatMap((o) => [
          ...o.fields.map((m, i) => ({
            syncObjectId: o.id,
            syncObject: o.name,
            at: `fields.${i}`,
            externalField: m.externalField,
            odooField: m.odooField,
          })),
          { syncObjectId: o.id, syncObject: o.name, at: 'externalRefField', externalField: o.externalRefField },
        ]),
    );
  }

  async list(): Promise<SyncObjectView[]> {
    const objects = await this.repository.list();
    const codes = new Map((await this.syncModels.list()).map((m) => [m.id, m.code]));
    return objects.map((o) => toView(o, codes.get(o.syncModelId) ?? null, this.config.publicUrl));
  }

  async get(id: number): Promise<SyncObjectView> {
    return this.view(await this.getEntity(id));
  }

  async getEntity(id: number): Promise<SyncObjectEntity> {
    const entity = await this.repository.findById(id);
    if (!entity) throw new NotFoundError('SYNC_OBJECT.NOT_FOUND', `sync object ${id} does not exist`);
    return entity;
  }

  async create(dto: CreateSyncObjectDto): Promise<SyncObjectView> {
    const now = new Date();
    const entity = Object.assign(new SyncObjectEntity(), {
      ...DEFAULTS,
      ...withoutNested(dto),
      fields: dto.fields.map(toMapping),
      endpoints: mergeEndpoints(DEFAULT_ENDPOINTS, dto.endpoints),
      ...scheduleColumns(dto.schedule ?? DEFAULT_SCHEDULE, DEFAULT_SCHEDULE),
      createdAt: now,
      updatedAt: now,
    });
    reschedule(entity, now);
    await this.validate(entity);
    return this.save(entity, null);
  }

  async update(id: number, dto: UpdateSyncObjectDto): Promise<SyncObjectView> {
    const entity = await this.getEntity(id);
    const before = { ...entity };
    const scheduleChanged = dto.schedule !== undefined || (dto.mode !== undefined && dto.mode !== entity.mode);
    Object.assign(entity, withoutNested(dto));
    if (dto.fields) entity.fields = dto.fields.map(toMapping);
    if (dto.endpoints) entity.endpoints = mergeEndpoints(entity.endpoints, dto.endpoints);
    if (dto.schedule)
      Object.assign(entity, scheduleColumns(dto.schedule, { interval: entity.scheduleInterval, unit: entity.scheduleUnit }));
    const now = new Date();
    if (scheduleChanged) reschedule(entity, now);
    entity.updatedAt = now;
    await this.validate(entity);
    // The scheduler moves nextRunAt concurrently; an edit that leaves the schedule alone must not write back a stale value.
    if (!scheduleChanged) delete (entity as Partial<SyncObjectEntity>).nextRunAt;
    await this.save(entity, before);
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    const entity = await this.getEntity(id);
    // The version moves with the change: no instance captures for the object once it is gone.
    await this.unitOfWork.run(async () => {
      await this.configVersion.change();
      await this.repository.remove(id);
      await this.audit.record({ action: 'delete', resourceType: 'sync-object', resourceId: id, label: entity.name, before: entity });
    });
    this.catalog.invalidate();
  }

  private async save(entity: SyncObjectEntity, before: object | null): Promise<SyncObjectView> {
    const saved = await this.unitOfWork.run(async () => {
      await this.configVersion.change();
      const stored = await this.repository.save(entity);
      await this.audit.record({
        action: before ? 'update' : 'create',
        resourceType: 'sync-object',
        resourceId: stored.id,
        label: stored.name,
        before,
        after: stored,
      });
      return stored;
    });
    this.catalog.invalidate();
    return this.view(saved);
  }

  private async view(entity: SyncObjectEntity): Promise<SyncObjectView> {
    const syncModel = await this.syncModels.getEntity(entity.syncModelId).catch(() => null);
    return toView(entity, syncModel?.code ?? null, this.config.publicUrl);
  }

  private async validate(entity: SyncObjectEntity): Promise<void> {
    const syncModel = await this.syncModels.getEntity(entity.syncModelId).catch(() => undefined);
    const webService = await this.webServices.getEntity(entity.webServiceId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    const problems = checkSyncObject(entity, { registry: this.registry, syncModelFields: syncModel?.fields, webService });
    if (problems.length) {
      throw new ValidationError('SYNC_OBJECT.INVALID', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
    }
    const nameClash = await this.repository.findByName(entity.name);
    if (nameClash && nameClash.id !== entity.id) {
      throw new ConflictError('SYNC_OBJECT.DUPLICATE_NAME', `name: sync object ${nameClash.id} is already called "${entity.name}"`, {
        details: [{ field: 'name', problem: 'already used' }],
      });
    }
    // External ids of two systems are two namespaces: one Odoo ref field cannot hold both (issue 16 point 4).
    const sharing = (await this.repository.list()).find(
      (o) =>
        o.id !== entity.id &&
        o.odooModel === entity.odooModel &&
        o.odooRefField === entity.odooRefField &&
        o.webServiceId !== entity.webServiceId,
    );
    if (sharing) {
      throw new ConflictError(
        'SYNC_OBJECT.REF_FIELD_TAKEN',
        `odooRefField: sync object "${sharing.name}" (id ${sharing.id}) of another web service already keeps its external ids in ` +
          `${entity.odooModel}.${entity.odooRefField}; external ids of two systems are two namespaces, use another Odoo ref field`,
        {
          details: [
            { field: 'odooRefField', problem: `${entity.odooRefField} on ${entity.odooModel} already holds the ids of "${sharing.name}"` },
          ],
        },
      );
    }
    if (entity.active && receivesFromExternal(entity.direction)) {
      const rival = (await this.repository.listActive()).find(
        (o) => o.id !== entity.id && o.syncModelId === entity.syncModelId && receivesFromExternal(o.direction),
      );
      if (rival) {
        throw new ConflictError(
          'SYNC_OBJECT.INBOUND_TAKEN',
          `sync object "${rival.name}" already receives inbound calls for sync model ${syncModel?.code};` +
            ' deactivate it or change its direction first',
          { details: [{ field: 'syncModelId', problem: `inbound calls for this code already go to "${rival.name}"` }] },
        );
      }
    }
  }
}

/** The stored schedule columns for a schedule as given; a cron schedule leaves the interval columns as they were. */
function scheduleColumns(
  schedule: ScheduleDto,
  current: { interval: number; unit: ScheduleUnit },
): Pick<SyncObjectEntity, 'scheduleInterval' | 'scheduleUnit' | 'scheduleCron' | 'scheduleTimezone'> {
  const cron = schedule.cron?.trim();
  return {
    scheduleInterval: cron ? current.interval : (schedule.interval ?? current.interval),
    scheduleUnit: cron ? current.unit : (schedule.unit ?? current.unit),
    scheduleCron: cron || null,
    scheduleTimezone: cron ? (schedule.timezone ?? DEFAULT_TIMEZONE) : null,
  };
}

/** A (re)set schedule starts now: its interval slots are counted from this moment. */
function reschedule(entity: SyncObjectEntity, now: Date): void {
  entity.scheduleAnchorAt = now;
  entity.nextRunAt = entity.mode === 'cron' ? nextRunAfter(now, scheduleOf(entity), now) : null;
}

/** Scalar properties of a DTO, without the nested ones this service maps itself. */
function withoutNested(dto: UpdateSyncObjectDto): Partial<SyncObjectEntity> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- removing them is the point
  const { fields, endpoints, schedule, guard, flapping, ...scalars } = dto;
  const given = Object.fromEntries(Object.entries(scalars).filter(([, value]) => value !== undefined)) as Partial<SyncObjectEntity>;
  if (guard !== undefined) given.guard = guard === null ? null : toGuard(guard);
  // Plain data, not the DTO instance: simple-json stores it as given.
  if (flapping !== undefined) given.flapping = flapping && { changes: flapping.changes, windowSeconds: flapping.windowSeconds };
  return given;
}

/** The guard as stored: only the parts given (class instances of the DTO become plain objects). */
function toGuard(dto: SyncGuardDto): SyncGuard | null {
  const part = <T extends object>(value: T | undefined): T | undefined => {
    if (!value) return undefined;
    const kept = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
    return Object.keys(kept).length ? kept : undefined;
  };
  const guard: SyncGuard = {};
  const maxDeletes = part(dto.maxDeletes);
  const maxUpdates = part(dto.maxUpdates);
  if (maxDeletes) guard.maxDeletes = maxDeletes;
  if (maxUpdates) guard.maxUpdates = maxUpdates;
  return Object.keys(guard).length ? guard : null;
}

function toMapping(f: FieldMappingDto): FieldMapping {
  return {
    odooField: f.odooField,
    externalField: f.externalField,
    referenceField: f.referenceField ?? null,
    direction: f.direction ?? 'both',
  };
}

function mergeEndpoints(current: EndpointSetting[], changes: EndpointDto[] | undefined): EndpointSetting[] {
  const merged = DEFAULT_ENDPOINTS.map((d) => ({ ...d, ...current.find((c) => c.action === d.action) }));
  for (const change of changes ?? []) {
    const endpoint = merged.find((e) => e.action === change.action)!;
    if (change.active !== undefined) endpoint.active = change.active;
    if (change.description !== undefined) endpoint.description = change.description;
  }
  return merged;
}
