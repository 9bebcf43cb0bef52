import { Injectable, OnModuleInit } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainCompiler } from '../odoo/domain-compiler.service';
import { RecordChange } from '../odoo/records/record-change';
import { RecordChangeHooks } from '../odoo/records/record-change.hooks';
import { RecordRepository } from '../odoo/records/record.repository';
import { OutboundValuesBuilder } from '../mapping/outbound-values.builder';
import { ResolvedSyncObject, SyncObjectCatalog } from '../sync-objects/sync-object.catalog';
import { OutboxKind, pendingRow } from '../sync-state/outbox.entity';
import { OutboxSignal } from './outbox.signal';
import { OutboxRepository } from '../sync-state/outbox.repository';
import { RecordStateRepository } from '../sync-state/record-state.repository';

/**
 * Change capture: for every change of a record, an outbox row per sync object that
 * pushes that model elsewhere — written in the change's own transaction, with no
 * network I/O. Consecutive unsent updates coalesce; a delete cancels unsent
 * updates; a change that came from a web service is never queued back to it.
 */
@Injectable()
export class OutboxCapture implements OnModuleInit {
  constructor(
    private readonly hooks: RecordChangeHooks,
    private readonly catalog: SyncObjectCatalog,
    private readonly outbox: OutboxRepository,
    private readonly states: RecordStateRepository,
    private readonly values: OutboundValuesBuilder,
    private readonly domains: DomainCompiler,
    private readonly records: RecordRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly signal: OutboxSignal,
  ) {}

  onModuleInit(): void {
    this.hooks.register({ afterChange: (change) => this.capture(change) });
  }

  async capture(change: RecordChange): Promise<void> {
    // Storing an external id the external system returned is bookkeeping, never a change to push.
    if (change.origin.source === 'system') return;
    for (const target of await this.catalog.outboundFor(change.model)) {
      // No echo: a change that arrived from a web service is not sent back to it.
      if (change.origin.webServiceId !== undefined && change.origin.webServiceId === target.object.webServiceId) continue;
      const queued = change.action === 'unlink' ? await this.captureDelete(target, change) : await this.captureUpsert(target, change);
      if (queued && target.object.mode === 'realtime') this.unitOfWork.afterCommit(() => this.signal.wake());
    }
  }

  private async captureUpsert(target: ResolvedSyncObject, change: RecordChange): Promise<boolean> {
    const pending = await this.outbox.pendingFor(target.object.id, change.id);
    const last = pending[pending.length - 1];
    if (last?.kind === 'upsert' && last.attempts === 0 && last.lastError === null) {
      // Coalesce: the delivery sends the record's latest state anyway. A row already tried
      // is left alone: its retries must mean what the first attempt meant (same Idempotency-Key).
      // A row sent while its web service was unavailable keeps 0 attempts but has a lastError.
      const fields = [...new Set([...last.changedFields, ...change.changedFields])];
      await this.outbox.update(last.id, { changedFields: fields });
      return true;
    }
    await this.outbox.insert([this.row(target, change, 'upsert', null, null)]);
    return true;
  }

  private async captureDelete(target: ResolvedSyncObject, change: RecordChange): Promise<boolean> {
    const { object } = target;
    // Cron objects send deletions only when asked to ("Model removed"); real time always does.
    if (object.mode === 'cron' && !object.propagateDeletes) return false;
    // The domain is evaluated now: by delivery time the record is gone.
    if (!(await this.matchesDomain(target, change.id))) return false;
    // Unsent updates of a record being deleted are moot.
    const pending = await this.outbox.pendingFor(object.id, change.id);
    await this.outbox.remove(pending.map((row) => row.id));
    const state = await this.states.find(object.id, change.id);
    const externalRef = change.before?.[object.odooRefField];
    const externalId =
      externalRef !== null && externalRef !== undefined && externalRef !== '' ? String(externalRef) : (state?.externalId ?? null);
    // The external system has the record if we know its id there, or a create of it is in flight
    // (its answer will tell the id). Otherwise — e.g. a create and a delete both unsent — send nothing.
    const createInFlight = await this.outbox.hasInFlight(object.id, change.id);
    if (externalId === null && !state?.existsRemote && !createInFlight) return false;
    const [snapshot] = await this.values.build(target, [change.before ?? {}]);
    await this.outbox.insert([this.row(target, change, 'delete', externalId, snapshot)]);
    return true;
  }

  private async matchesDomain(target: ResolvedSyncObject, recordId: number): Promise<boolean> {
    if (this.domains.isEmpty(target.object.domain, target.model)) return true;
    return this.records.matches(target.model, recordId, this.domains.compile(target.object.domain, target.model, 'r', 'domain'));
  }

  private row(
    target: ResolvedSyncObject,
    change: RecordChange,
    kind: OutboxKind,
    externalId: string | null,
    snapshot: Record<string, unknown> | null,
  ) {
    const { object } = target;
    return pendingRow({
      syncObjectId: object.id,
      webServiceId: object.webServiceId,
      model: change.model,
      recordId: change.id,
      kind,
      changedFields: change.changedFields,
      externalId,
      snapshot,
      now: new Date(),
    });
  }
}
