import { Injectable } from '@nestjs/common';
import { ErrorKind, NotFoundError, SynchroError, ValidationError } from '../common/errors';
import { DriftRecorder } from '../drift/drift.recorder';
import { InboundApplier } from '../engine/inbound-applier.service';
import { FlappingTracker, HELD_MESSAGE } from '../flapping/flapping.tracker';
import { MetricsService } from '../metrics/metrics.service';
import { RealtimeHolds } from '../scheduler/realtime-holds.service';
import { FailureKind } from '../engine/inbound.types';
import { RecordAction } from '../odoo/records/record-change';
import { ConfigurationMovedError, ResolvedSyncObject, SyncObjectCatalog } from '../sync-objects/sync-object.catalog';
import { SyncEnvelope, successEnvelope, unwrapPayload } from './sync-envelope';

const HTTP_KIND: Record<FailureKind, ErrorKind> = {
  validation: 'validation',
  unprocessable: 'unprocessable',
  not_found: 'not_found',
  conflict: 'conflict',
  // Not the caller's fault (the database failed, a bug): retry later.
  internal: 'unavailable',
};

const endpointOn = (target: ResolvedSyncObject, action: RecordAction): boolean =>
  target.object.endpoints.find((e) => e.action === action)?.active ?? false;

/** A real-time call the external system made that could not be applied; rendered as a failed envelope. */
export class InboundFailedError extends SynchroError {}

/**
 * The seed's Real Time mode, external → Odoo: find the sync object serving the
 * code, check its endpoint is switched on, and apply the change through the same
 * path as the cron pull.
 */
@Injectable()
export class RealtimeService {
  constructor(
    private readonly catalog: SyncObjectCatalog,
    private readonly applier: InboundApplier,
    private readonly metrics: MetricsService,
    private readonly drift: DriftRecorder,
    private readonly flapping: FlappingTracker,
    private readonly holds: RealtimeHolds,
  ) {}

  async handle(code: string, action: RecordAction, externalId: string | undefined, body: unknown): Promise<SyncEnvelope> {
    const payload = unwrapPayload(body);
    // The usual call trusts the cached configuration and confirms it inside the apply's transaction:
    // one database round trip less (B1) than reading the configuration version first. Every other
    // call, and one whose object the confirmation found moved (nothing was written), reads it first.
    const cached = this.catalog.cachedInboundFor(code);
    if (cached && payload && this.confirmable(cached, action, externalId, payload)) {
      try {
        return await this.receive(cached, code, action, externalId, payload, () => this.catalog.confirm(cached));
      } catch (error) {
        if (!(error instanceof ConfigurationMovedError)) throw error;
      }
    }
    return this.receive(await this.catalog.inboundFor(code), code, action, externalId, payload);
  }

  /**
   * Whether a call can go on with a cached object: only when every answer it can get comes from the
   * confirmed transaction. A 404, a 400/422 answered before it (no external id), a hold (flapping
   * objects, deletes) would be decided on configuration nobody confirmed.
   */
  private confirmable(
    target: ResolvedSyncObject,
    action: RecordAction,
    externalId: string | undefined,
    payload: Record<string, unknown>,
  ): boolean {
    if (action === 'unlink' || target.object.direction === 'bidirectional') return false;
    if (!endpointOn(target, action)) return false;
    try {
      return this.applier.externalIdOf(target, { action, externalId, payload }) !== null;
    } catch {
      return false;
    }
  }

  private async receive(
    target: ResolvedSyncObject | undefined,
    code: string,
    action: RecordAction,
    externalId: string | undefined,
    payload: Record<string, unknown> | undefined,
    confirm?: () => Promise<void>,
  ): Promise<SyncEnvelope> {
    if (!target) throw new NotFoundError('SYNC.UNKNOWN_CODE', `no active sync object receives changes for code ${code}`);
    if (!endpointOn(target, action)) throw new NotFoundError('SYNC.ENDPOINT_OFF', `the ${action} endpoint of ${code} is switched off`);
    if (!payload) throw new ValidationError('SYNC.BAD_BODY', 'the body must be an object of values (or a JSON-RPC body with params)');
    const held =
      (await this.holdIfFlapping(target, action, externalId, payload)) ?? (await this.holdIfBurst(target, action, externalId, payload));
    if (held) return held;
    const outcome = await this.applier.apply(target, { action, externalId, payload }, 'realtime', { confirm });
    if (outcome.status === 'success' && outcome.odooId !== null && action !== 'unlink')
      await this.flapping.received(target, [{ recordId: outcome.odooId, externalId: outcome.externalId, values: payload }]);
    // A PUT may carry only what changed: only a create is expected to carry every field.
    await this.drift.observe(target, [{ action, payload, full: action === 'create', failed: outcome.status === 'failed' }]);
    this.metrics.recordsReceived(target.object.id, [outcome]);
    if (outcome.status === 'success') this.metrics.stepSucceeded(target.object.id, 'receive');
    else this.metrics.beat(target.object.id);
    if (outcome.status === 'failed') {
      throw new InboundFailedError(HTTP_KIND[outcome.failureKind ?? 'unprocessable'], 'SYNC.FAILED', outcome.errorMessage);
    }
    return successEnvelope(outcome.odooId, outcome.externalId, outcome.note);
  }

  /** A delete past the guard's burst rule is kept with a held run, not applied: answered as accepted, saying so. */
  private async holdIfBurst(
    target: ResolvedSyncObject,
    action: RecordAction,
    externalId: string | undefined,
    payload: Record<string, unknown>,
  ): Promise<SyncEnvelope | undefined> {
    if (action !== 'unlink' || externalId === undefined) return undefined;
    const admission = await this.holds.admitDelete(target, { action, externalId, payload }, externalId);
    if (!admission.held) return undefined;
    this.metrics.beat(target.object.id);
    return successEnvelope(null, externalId, `held: ${admission.reason} (run ${admission.runId} awaits release)`);
  }

  /** A change of a record flagged as flapping is kept, not applied: answered as accepted, with a message saying so. */
  private async holdIfFlapping(
    target: ResolvedSyncObject,
    action: RecordAction,
    externalId: string | undefined,
    payload: Record<string, unknown>,
  ): Promise<SyncEnvelope | undefined> {
    if (target.object.direction !== 'bidirectional') return undefined;
    let id: string | null;
    try {
      id = this.applier.externalIdOf(target, { action, externalId, payload });
    } catch {
      return undefined; // a bad id fails in the apply, with its reason
    }
    if (!(await this.flapping.isHeld(target, id))) return undefined;
    const recordId = await this.flapping.hold(target, id!, { action, payload }, 'realtime');
    if (recordId === null) return undefined;
    this.metrics.beat(target.object.id);
    return successEnvelope(recordId, id, HELD_MESSAGE);
  }
}
