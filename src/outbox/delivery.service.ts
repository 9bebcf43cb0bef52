import { Inject, Injectable, Logger } from '@nestjs/common';
import { ChangeLogService } from '../change-control/change-log.service';
import { NewChangeLogEntry } from '../change-control/change-log.types';
import { AppConfig } from '../config/app-config';
import { Limiter } from '../common/limiter';
import { APP_CONFIG } from '../config/config.module';
import { UnitOfWork } from '../database/unit-of-work';
import { OutboundValuesBuilder } from '../engine/outbound-values.builder';
import { DomainCompiler } from '../odoo/domain-compiler.service';
import { RecordAction } from '../odoo/records/record-change';
import { RecordReader, RecordValues } from '../odoo/records/record.reader';
import { RecordRepository } from '../odoo/records/record.repository';
import { coerceFieldValue, StoredValue } from '../odoo/values/field-value';
import { SettingsService } from '../settings/settings.service';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { WebServiceEntity } from '../web-services/web-service.entity';
import { WebServiceClient } from '../web-services/outbound/web-service.client';
import { OutboundResult } from '../web-services/outbound/outbound-result';
import { WebServiceSecrets } from '../web-services/web-service.secrets';
import { isPermanentFailure, retryDelayMs } from './backoff';
import { DeliveryHealthRepository } from './delivery-health.repository';
import { OutboxEntity } from './outbox.entity';
import { OutboxRepository } from './outbox.repository';
import { RecordStateEntity } from './record-state.entity';
import { RecordStateRepository } from './record-state.repository';
import { signatureHeaders } from './webhook-signature';

export type SendAction = 'create' | 'update' | 'delete';
export type DeliveryTrigger = 'realtime' | 'cron' | 'manual';
export type DeliveryOutcome = 'sent' | 'failed' | 'dead' | 'skipped';

const LOG_ACTION: Record<SendAction, RecordAction> = { create: 'create', update: 'write', delete: 'unlink' };

/** What one delivery sends, or why nothing is to be sent. */
type Prepared = { skip: string } | Send;
interface Send {
  action: SendAction;
  externalId: string | null;
  values: Record<string, unknown>;
  record?: RecordValues;
}

/**
 * Delivers claimed outbox rows of one sync object: the seed's send request
 * `{"action", "values", "external_id"}` to the web service's shipping URL, one per
 * row, in parallel (each row is the head of its record, so per-record order holds).
 * Preparation reads the batch's records, states and reference values in a few
 * queries; the outcomes — done, or retried with backoff, or dead — and their
 * change-control rows are recorded together in one transaction.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('Delivery');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxRepository,
    private readonly states: RecordStateRepository,
    private readonly health: DeliveryHealthRepository,
    private readonly reader: RecordReader,
    private readonly records: RecordRepository,
    private readonly values: OutboundValuesBuilder,
    private readonly domains: DomainCompiler,
    private readonly client: WebServiceClient,
    private readonly secrets: WebServiceSecrets,
    private readonly changeLog: ChangeLogService,
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.sendSlots = new Limiter(config.outbox.concurrency);
  }

  /** OUTBOX_CONCURRENCY bounds the sends in flight across every batch being delivered. */
  private readonly sendSlots: Limiter;

  async deliverMany(
    rows: OutboxEntity[],
    target: ResolvedSyncObject,
    webService: WebServiceEntity,
    trigger: DeliveryTrigger,
  ): Promise<DeliveryOutcome[]> {
    const started = Date.now();
    const prepared = await this.prepareMany(rows, target);
    const results = await Promise.all(
      rows.map((row, i) => {
        const item = prepared[i];
        return 'skip' in item ? undefined : this.sendSlots.run(() => this.send(row, target, webService, item));
      }),
    );
    const maxAttempts = (await this.settings.get()).outboxMaxAttempts;
    const now = new Date();
    const outcomes: DeliveryOutcome[] = [];
    const logs: NewChangeLogEntry[] = [];
    await this.unitOfWork.run(
      async () => {
        let failures = 0;
        let lastError = '';
        const doneIds: number[] = [];
        let doneStatus: number | null = null;
        const sentStates: RecordStateEntity[] = [];
        const idsToStore: { recordId: number; value: StoredValue }[] = [];
        for (const [i, row] of rows.entries()) {
          const item = prepared[i];
          if ('skip' in item) {
            await this.outbox.update(row.id, {
              status: 'skipped',
              lastError: item.skip,
              deliveredAt: now,
              leaseOwner: null,
              leaseUntil: null,
            });
            outcomes.push('skipped');
            continue;
          }
          const { result, body } = results[i]!;
          const answer = (result.json ?? {}) as { status?: unknown; error_message?: unknown; external_id?: unknown };
          const log = this.logBase(row, target, item, body, trigger, started);
          if (result.ok && answer.status === 'success') {
            const given = answer.external_id;
            const externalId = given !== undefined && given !== null && given !== false ? String(given) : item.externalId;
            doneIds.push(row.id);
            doneStatus = result.httpStatus ?? null;
            await this.rememberSent(row, target, item, externalId, now, sentStates, idsToStore);
            logs.push({ ...log, externalId, status: 'success', errorMessage: null });
            outcomes.push('sent');
            continue;
          }
          const error = describeFailure(result.error, result.httpStatus, answer);
          const attempts = row.attempts + 1;
          const dead = isPermanentFailure(result.httpStatus) || attempts >= maxAttempts;
          const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts) * this.config.outbox.backoffScale);
          await this.outbox.update(row.id, {
            status: dead ? 'dead' : 'pending',
            attempts,
            nextAttemptAt,
            lastError: error,
            lastHttpStatus: result.httpStatus ?? null,
            leaseOwner: null,
            leaseUntil: null,
          });
          logs.push({
            ...log,
            externalId: item.externalId,
            status: 'failed',
            errorMessage: `${dead ? 'dead' : `attempt ${attempts}`}: ${error}`,
          });
          if (dead) this.logger.warn(`outbox row ${row.id} (sync object ${row.syncObjectId}, record ${row.recordId}) is dead: ${error}`);
          outcomes.push(dead ? 'dead' : 'failed');
          failures++;
          lastError = error;
        }
        // Set-based bookkeeping for the delivered rows: one UPDATE, one upsert of states.
        await this.outbox.markDone(doneIds, doneStatus, now);
        await this.states.saveMany(sentStates);
        await this.storeExternalIds(target, idsToStore, now);
        if (outcomes.includes('sent')) await this.health.recordSuccess(webService.id, now);
        if (failures)
          await this.health.recordFailure(
            webService.id,
            lastError,
            now,
            this.config.outbox.breakerThreshold,
            this.config.outbox.breakerCooldownMs,
            failures,
          );
        await this.changeLog.recordMany(logs);
      },
      { readCommitted: true },
    );
    return outcomes;
  }

  private async send(
    row: OutboxEntity,
    target: ResolvedSyncObject,
    webService: WebServiceEntity,
    item: Send,
  ): Promise<{ result: OutboundResult; body: unknown }> {
    // As in the seed's send example, the external-id pair travels as the top-level `external_id`, not in `values`.
    const { [target.object.externalRefField]: _ref, ...values } = item.values;
    const body = { action: item.action, values, external_id: item.externalId };
    const idempotencyKey = `synchro-${row.syncObjectId}-${row.recordId}-${row.id}`;
    const result = await this.client.post(webService, webService.shippingUrl ?? webService.url, body, {
      idempotencyKey,
      headers: this.signing(webService, idempotencyKey, body),
    });
    return { result, body };
  }

  /** Every row's request, from a few queries for the whole batch: states, records, domain, reference values. */
  private async prepareMany(rows: OutboxEntity[], target: ResolvedSyncObject): Promise<Prepared[]> {
    const { object, model } = target;
    const states = await this.states.findMany(
      object.id,
      rows.map((row) => row.recordId),
    );
    const upsertIds = rows.filter((row) => row.kind === 'upsert').map((row) => row.recordId);
    const records = new Map((await this.reader.read(model, upsertIds)).map((record) => [record.id, record]));
    const inDomain = this.domains.isEmpty(object.domain)
      ? undefined
      : new Set(await this.records.idsMatching(model, this.domains.compile(object.domain, model, 'r', 'domain'), [...records.keys()]));
    const present = [...records.values()];
    const values = new Map((await this.values.build(target, present)).map((v, i) => [present[i].id, v]));
    return rows.map((row): Prepared => {
      const state = states.get(row.recordId);
      if (row.kind === 'delete') {
        const externalId = row.externalId ?? state?.externalId ?? null;
        if (externalId === null && !state?.existsRemote) return { skip: 'the external system never received this record' };
        return { action: 'delete', externalId, values: row.snapshot ?? {} };
      }
      const record = records.get(row.recordId);
      if (!record) return { skip: 'the record no longer exists' };
      if (inDomain && !inDomain.has(row.recordId)) return { skip: 'the record is outside the sync object domain' };
      const ref = record[object.odooRefField];
      const externalId = ref !== null && ref !== undefined && ref !== '' ? String(ref) : (state?.externalId ?? null);
      return {
        action: externalId !== null || state?.existsRemote ? 'update' : 'create',
        externalId,
        values: values.get(record.id)!,
        record,
      };
    });
  }

  /** After a successful send: what the external system now has, and the external id it gave us. */
  private async rememberSent(
    row: OutboxEntity,
    target: ResolvedSyncObject,
    item: Send,
    externalId: string | null,
    now: Date,
    sentStates: RecordStateEntity[],
    idsToStore: { recordId: number; value: StoredValue }[],
  ): Promise<void> {
    const { object, model } = target;
    if (item.action === 'delete') {
      await this.states.remove(object.id, row.recordId);
      return;
    }
    sentStates.push({
      syncObjectId: object.id,
      recordId: row.recordId,
      externalId,
      existsRemote: true,
      syncedValues: item.values,
      syncedAt: now,
    });
    const current = item.record?.[object.odooRefField];
    if (externalId !== null && (current === null || current === undefined || current === '')) {
      const value = coerceFieldValue(model.fields[object.odooRefField], externalId, 'lenient');
      idsToStore.push({ recordId: row.recordId, value });
    }
  }

  /**
   * Bookkeeping, not a change: the external ids a batch of creates was given, written
   * directly (no hooks, so never captured or pushed) in one statement; if that fails
   * (e.g. another object already stored one of the ids under a unique index), one by one,
   * and an id that cannot be stored stays in sync_record_state.
   */
  private async storeExternalIds(target: ResolvedSyncObject, ids: { recordId: number; value: StoredValue }[], now: Date): Promise<void> {
    const { object, model } = target;
    if (!ids.length) return;
    try {
      await this.records.updateMany(model, object.odooRefField, ids, now);
      return;
    } catch {
      // One id could not be stored: fall back to one by one, so the others still are.
    }
    for (const { recordId, value } of ids) {
      await this.records.update(model, recordId, { [object.odooRefField]: value, write_date: now }).catch((error: unknown) => {
        this.logger.warn(`could not store external id ${String(value)} on ${model.name} ${recordId}: ${(error as Error).message}`);
      });
    }
  }

  private logBase(row: OutboxEntity, target: ResolvedSyncObject, item: Send, body: unknown, trigger: DeliveryTrigger, started: number) {
    return {
      direction: 'odoo_to_external' as const,
      action: LOG_ACTION[item.action],
      trigger,
      model: target.model.name,
      syncObjectId: target.object.id,
      odooId: row.recordId,
      title: item.record ? String(item.record[target.model.recName] ?? '') : String(item.values[titleKey(target)] ?? ''),
      originValues: item.record ?? row.snapshot ?? {},
      destinationValues: body,
      modifiedAt: item.record?.write_date ? new Date(String(item.record.write_date)) : row.createdAt,
      durationMs: Date.now() - started,
    };
  }

  /** Standard Webhooks headers when the web service has a signing secret (the client sends the same JSON text). */
  private signing(webService: WebServiceEntity, id: string, body: unknown): Record<string, string> {
    const secret = this.secrets.openSigningSecret(webService);
    return secret ? signatureHeaders(secret, id, JSON.stringify(body)) : {};
  }
}

function describeFailure(
  error: string | undefined,
  httpStatus: number | undefined,
  answer: { status?: unknown; error_message?: unknown },
): string {
  if (error) return error;
  if (answer.status !== 'success') {
    const message = typeof answer.error_message === 'string' && answer.error_message ? answer.error_message : 'no error message';
    return `the external system answered status ${JSON.stringify(answer.status ?? null)}${httpStatus ? ` (HTTP ${httpStatus})` : ''}: ${message}`;
  }
  return `HTTP ${httpStatus}`;
}

function titleKey(target: ResolvedSyncObject): string {
  return target.object.fields.find((f) => f.odooField === target.model.recName)?.externalField ?? 'name';
}
