import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { RefreshingCache } from '../common/refreshing-cache';
import { UnitOfWork } from '../database/unit-of-work';
import { ModelDefinition } from '../odoo/model-definition';
import { ModelRegistry } from '../odoo/model.registry';
import { SyncModelEntity } from '../sync-models/sync-model.entity';
import { SyncModelsService } from '../sync-models/sync-model.service';
import { SyncObjectEntity } from './sync-object.entity';
import { SyncObjectRepository } from './sync-object.repository';
import { receivesFromExternal, sendsToExternal } from './sync-object.types';

/** An active sync object with what it refers to, ready for the sync paths. */
export interface ResolvedSyncObject {
  object: SyncObjectEntity;
  syncModel: SyncModelEntity;
  model: ModelDefinition;
}

/** How long another instance's configuration change may take to be seen here. */
const TTL_MS = 5_000;

/**
 * The active sync objects, resolved and cached: every inbound call and every
 * local write asks "which objects apply?", and that must not cost queries.
 * Changes made through this instance invalidate at once; other instances' are seen
 * after TTL_MS (refreshed in the background, never on a request's critical path).
 */
@Injectable()
export class SyncObjectCatalog implements OnApplicationBootstrap {
  private readonly cache: RefreshingCache<ResolvedSyncObject[]>;

  constructor(
    private readonly repository: SyncObjectRepository,
    private readonly syncModels: SyncModelsService,
    private readonly registry: ModelRegistry,
    unitOfWork: UnitOfWork,
  ) {
    this.cache = new RefreshingCache(
      () => this.load(),
      TTL_MS,
      (work) => unitOfWork.outside(work),
    );
    syncModels.onChange(() => this.invalidate());
  }

  /** Warm the cache at start-up, so the first burst of requests does not all wait for one load. */
  async onApplicationBootstrap(): Promise<void> {
    await this.all();
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  all(): Promise<ResolvedSyncObject[]> {
    return this.cache.get();
  }

  /** The active object that accepts inbound calls for a sync-model code (at most one, by the rules). */
  async inboundFor(code: string): Promise<ResolvedSyncObject | undefined> {
    return (await this.all()).find((r) => r.syncModel.code === code && receivesFromExternal(r.object.direction));
  }

  /** Active objects pushing changes of this Odoo model to an external system. */
  async outboundFor(modelName: string): Promise<ResolvedSyncObject[]> {
    return (await this.all()).filter((r) => r.object.odooModel === modelName && sendsToExternal(r.object.direction));
  }

  async byId(id: number): Promise<ResolvedSyncObject | undefined> {
    return (await this.all()).find((r) => r.object.id === id);
  }

  private async load(): Promise<ResolvedSyncObject[]> {
    const objects = await this.repository.listActive();
    const resolved: ResolvedSyncObject[] = [];
    const models = new Map<number, SyncModelEntity | null>();
    for (const object of objects) {
      if (!models.has(object.syncModelId))
        models.set(object.syncModelId, await this.syncModels.getEntity(object.syncModelId).catch(() => null));
      const syncModel = models.get(object.syncModelId);
      const model = this.registry.find(object.odooModel);
      // An object whose model was removed (an extension disabled) is skipped, not fatal.
      if (syncModel && model) resolved.push({ object, syncModel, model });
    }
    return resolved;
  }
}
