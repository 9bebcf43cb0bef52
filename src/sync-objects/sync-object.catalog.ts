import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigVersion } from '../database/config-version';
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

interface Snapshot {
  /** The configuration version the objects were read at (or after). */
  version: number;
  objects: ResolvedSyncObject[];
}

/** The object that receives the external system's calls for a sync-model code. */
const receivesFor =
  (code: string) =>
  (r: ResolvedSyncObject): boolean =>
    r.syncModel.code === code && receivesFromExternal(r.object.direction);

/**
 * The configuration moved between a cached lookup and the transaction that confirms it
 * (`confirm`): the caller looks the object up again and re-runs, nothing was written.
 */
export class ConfigurationMovedError extends Error {
  constructor() {
    super('the configuration changed since the sync object was looked up');
  }
}

/**
 * The active sync objects, resolved and cached: every inbound call and every local
 * write asks "which objects apply?", and that costs one read of the configuration
 * version (ConfigVersion), never a reload unless the configuration changed — on
 * this instance or any other.
 *
 * Inside a transaction (capture, an inbound call's apply) the version is read there,
 * held shared to the transaction's end on MySQL/MariaDB: the transaction uses the
 * configuration committed before it, and a configuration change waits until it
 * commits. When the version moved, the objects are reloaded in that transaction with
 * locking reads (the latest committed rows, not its snapshot). Outside a transaction
 * a plain read of the version decides.
 */
@Injectable()
export class SyncObjectCatalog implements OnApplicationBootstrap {
  private snapshot?: Snapshot;
  /** The load running outside any transaction, shared by concurrent callers. */
  private loadingOutside?: { version: number; promise: Promise<Snapshot> };
  /** Bumped by invalidate(), so a load that started before it never caches an old value. */
  private generation = 0;

  constructor(
    private readonly repository: SyncObjectRepository,
    private readonly syncModels: SyncModelsService,
    private readonly registry: ModelRegistry,
    private readonly version: ConfigVersion,
  ) {
    syncModels.onChange(() => this.invalidate());
    version.onChange(() => this.invalidate());
  }

  /** Warm the cache at start-up, so the first burst of requests does not all wait for one load. */
  async onApplicationBootstrap(): Promise<void> {
    await this.all();
  }

  invalidate(): void {
    this.generation++;
    this.snapshot = undefined;
    this.loadingOutside = undefined;
  }

  /** The active objects as of the committed configuration (see the class comment). */
  async all(): Promise<ResolvedSyncObject[]> {
    const version = await this.version.current();
    const snapshot = this.snapshot;
    if (this.version.changedInTransaction) return (await this.loadAt(version)).objects;
    if (snapshot && snapshot.version >= version) return snapshot.objects;
    return (await this.loadAt(version)).objects;
  }

  /** The active object that accepts inbound calls for a sync-model code (at most one, by the rules). */
  async inboundFor(code: string): Promise<ResolvedSyncObject | undefined> {
    return (await this.all()).find(receivesFor(code));
  }

  /**
   * `inboundFor` from the cache, without reading the configuration version: possibly stale, so only
   * for a caller that `confirm`s it inside its transaction (undefined when nothing is cached).
   */
  cachedInboundFor(code: string): ResolvedSyncObject | undefined {
    return this.snapshot?.objects.find(receivesFor(code));
  }

  /**
   * Inside a transaction: throws ConfigurationMovedError unless `target` is still what the committed
   * configuration resolves to. It costs the version read every capturing transaction makes anyway.
   */
  async confirm(target: ResolvedSyncObject): Promise<void> {
    if (!this.version.inTransaction) throw new Error('SyncObjectCatalog.confirm() must run inside a UnitOfWork transaction');
    if ((await this.byId(target.object.id)) !== target) throw new ConfigurationMovedError();
  }

  /** Active objects pushing changes of this Odoo model to an external system. */
  async outboundFor(modelName: string): Promise<ResolvedSyncObject[]> {
    return (await this.all()).filter((r) => r.object.odooModel === modelName && sendsToExternal(r.object.direction));
  }

  async byId(id: number): Promise<ResolvedSyncObject | undefined> {
    return (await this.all()).find((r) => r.object.id === id);
  }

  private loadAt(version: number): Promise<Snapshot> {
    const generation = this.generation;
    const keep = (snapshot: Snapshot): Snapshot => {
      if (generation === this.generation && !(this.snapshot && this.snapshot.version > snapshot.version)) this.snapshot = snapshot;
      return snapshot;
    };
    // Inside a transaction: its own locking reads (another connection could wait for a pool slot it holds).
    if (this.version.inTransaction) {
      // A transaction that changes the configuration reads its own uncommitted rows: used, never kept.
      if (this.version.changedInTransaction) return this.load(true).then((objects) => ({ version, objects }));
      return this.load(true).then((objects) => keep({ version, objects }));
    }
    const running = this.loadingOutside;
    if (running && running.version >= version) return running.promise;
    // Read after the version: the objects are at least as new as the version they are labelled with.
    const promise = this.load(false)
      .then((objects) => keep({ version, objects }))
      .finally(() => {
        if (this.loadingOutside?.promise === promise) this.loadingOutside = undefined;
      });
    this.loadingOutside = { version, promise };
    return promise;
  }

  private async load(latest: boolean): Promise<ResolvedSyncObject[]> {
    const objects = await this.repository.listActive({ latest });
    const ids = [...new Set(objects.map((object) => object.syncModelId))].sort((a, b) => a - b);
    const models = new Map((await this.syncModels.entitiesByIds(ids, { latest })).map((m) => [m.id, m]));
    const resolved: ResolvedSyncObject[] = [];
    for (const object of objects) {
      const syncModel = models.get(object.syncModelId);
      const model = this.registry.find(object.odooModel);
      // An object whose model was removed (an extension disabled) is skipped, not fatal.
      if (syncModel && model) resolved.push({ object, syncModel, model });
    }
    return resolved;
  }
}
