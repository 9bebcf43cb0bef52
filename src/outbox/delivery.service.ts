import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeLogService } from '../change-control/change-log.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { UnitOfWork } from '../database/unit-of-work';
import { OutboundValuesBuilder } from '../engine/outbound-values.builder';
import { DomainCompiler } from '../odoo/domain-compiler.service';
import { RecordAction } from '../odoo/records/record-change';
import { RecordReader, RecordValues } from '../odoo/records/record.reader';
import { RecordRepository } from '../odoo/records/record.repository';
import { RecordWriter } from '../odoo/records/record.writer';
import { coerceFieldValue } from '../odoo/values/field-value';
import { SettingsService } from '../settings/settings.service';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { WebServiceEntity } from '../web-services/web-service.entity';
import { WebServiceClient } from '../web-services/outbound/web-service.client';
import { WebServiceSecrets } from '../web-services/web-service.secrets';
import { isPermanentFailure, retryDelayMs } from './backoff';
import { DeliveryHealthRepository } from './delivery-health.repository';
import { OutboxEntity } from './outbox.entity';
import { OutboxRepository } from './outbox.repository';
import { RecordStateRepository } from './record-state.repository';
import { signatureHeaders } from './webhook-signature';

export type SendAction = 'create' | 'update' | 'delete';
export type DeliveryTrigger = 'realtime' | 'cron' | 'manual';
export type DeliveryOutcome = 'sent' | 'failed' | 'dead' | 'skipped';

const LOG_ACTION: Record<SendAction, RecordAction> = { create: 'create', update: 'write', delete: 'unlink' };

/** What one delivery would send, or why nothing is to be sent. */
type Prepared = { skip: string } | { action: SendAction; externalId: string | null; values: Record<string, unknown>; record?: RecordValues };

/**
 * Delivers one claimed outbox row: the seed's send request
 * `{"action", "values", "external_id"}` to the web service's shipping URL, then
 * records the outcome — done, or retried with backoff, or dead — with its
 * change-control row, in one transaction.
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
    private readonly writer: RecordWriter,
    private readonly values: OutboundValuesBuilder,
    private readonly domains: DomainCompiler,
    private readonly client: WebServiceClient,
    private readonly secrets: WebServiceSecrets,
    private readonly changeLog: ChangeLogService,
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(row: OutboxEntity, target: ResolvedSyncObject, webService: WebServiceEntity, trigger: DeliveryTrigger): Promise<DeliveryOutcome> {
    const started = Date.now();
    const prepared = await this.prepare(row, target);
    if ('skip' in prepared) {
      await this.outbox.update(row.id, { status: 'skipped', lastError: prepared.skip, deliveredAt: new Date(), leaseOwner: null, leaseUntil: null });
      return 'skipped';
    }
    // As in the seed's send example, the external-id pair travels as the top-level `external_id`, not in `values`.
    const { [target.object.externalRefField]: _ref, ...values } = prepared.values;
    const body = { action: prepared.action, values, external_id: prepared.externalId };
    const idempotencyKey = `synchro-${row.syncObjectId}-${row.recordId}-${row.id}`;
    const result = await this.client.post(webService, webService.shippingUrl ?? webService.url, body, {
      idempotencyKey,
      headers: this.signing(webService, idempotencyKey, body),
    });
    const answer = (result.json ?? {}) as { status?: unknown; error_message?: unknown; external_id?: unknown };
    const ok = result.ok && answer.status === 'success';
    const error = ok ? null : describeFailure(result.error, result.httpStatus, answer);
    const now = new Date();
    const log = {
      direction: 'odoo_to_external' as const,
      action: LOG_ACTION[prepared.action],
      trigger,
      model: target.model.name,
      syncObjectId: target.object.id,
      odooId: row.recordId,
      title: prepared.record ? String(prepared.record[target.model.recName] ?? '') : String(prepared.values[titleKey(target)] ?? ''),
      originValues: prepared.record ?? row.snapshot ?? {},
      destinationValues: body,
      modifiedAt: prepared.record?.write_date ? new Date(String(prepared.record.write_date)) : row.createdAt,
      durationMs: Date.now() - started,
    };
    if (ok) {
      const externalId = answer.external_id !== undefined && answer.external_id !== null && answer.external_id !== false ? String(answer.external_id) : prepared.externalId;
      await this.unitOfWork.run(async (manager) => {
        await this.outbox.update(row.id, { status: 'done', deliveredAt: now, attempts: row.attempts + 1, lastError: null, lastHttpStatus: result.httpStatus ?? null, leaseOwner: null, leaseUntil: null }, manager);
        await this.rememberSent(manager, row, target, prepared, externalId, now);
        await this.health.recordSuccess(manager, row.webServiceId, now);
        await this.changeLog.record(manager, { ...log, externalId, status: 'success', errorMessage: null });
      });
      return 'sent';
    }
    const attempts = row.attempts + 1;
    const maxAttempts = (await this.settings.get()).outboxMaxAttempts;
    const dead = isPermanentFailure(result.httpStatus) || attempts >= maxAttempts;
    await this.unitOfWork.run(async (manager) => {
      await this.outbox.update(
        row.id,
        {
          status: dead ? 'dead' : 'pending',
          attempts,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts) * this.config.outbox.backoffScale),
          lastError: error,
          lastHttpStatus: result.httpStatus ?? null,
          leaseOwner: null,
          leaseUntil: null,
        },
        manager,
      );
      await this.health.recordFailure(manager, row.webServiceId, error!, now, this.config.outbox.breakerThreshold, this.config.outbox.breakerCooldownMs);
      await this.changeLog.record(manager, { ...log, externalId: prepared.externalId, status: 'failed', errorMessage: `${dead ? 'dead' : `attempt ${attempts}`}: ${error}` });
    });
    if (dead) this.logger.warn(`outbox row ${row.id} (sync object ${row.syncObjectId}, record ${row.recordId}) is dead: ${error}`);
    return dead ? 'dead' : 'failed';
  }

  private async prepare(row: OutboxEntity, target: ResolvedSyncObject): Promise<Prepared> {
    const { object, model } = target;
    const state = await this.states.find(object.id, row.recordId);
    if (row.kind === 'delete') {
      const externalId = row.externalId ?? state?.externalId ?? null;
      if (externalId === null && !state?.existsRemote) return { skip: 'the external system never received this record' };
      return { action: 'delete', externalId, values: row.snapshot ?? {} };
    }
    const record = await this.reader.readOne(model, row.recordId);
    if (!record) return { skip: 'the record no longer exists' };
    if (!(await this.matchesDomain(target, row.recordId))) return { skip: 'the record is outside the sync object domain' };
    const ref = record[object.odooRefField];
    const externalId = ref !== null && ref !== undefined && ref !== '' ? String(ref) : (state?.externalId ?? null);
    const [values] = await this.values.build(target, [record]);
    return { action: externalId !== null || state?.existsRemote ? 'update' : 'create', externalId, values, record };
  }

  private async matchesDomain(target: ResolvedSyncObject, recordId: number): Promise<boolean> {
    if (this.domains.isEmpty(target.object.domain)) return true;
    return this.records.matches(target.model, recordId, this.domains.compile(target.object.domain, target.model, 'r', 'domain'));
  }

  /** After a successful send: what the external system now has, and the external id it gave us. */
  private async rememberSent(manager: EntityManager, row: OutboxEntity, target: ResolvedSyncObject, prepared: Exclude<Prepared, { skip: string }>, externalId: string | null, now: Date): Promise<void> {
    const { object, model } = target;
    if (prepared.action === 'delete') {
      await this.states.remove(manager, object.id, row.recordId);
      return;
    }
    await this.states.save(manager, { syncObjectId: object.id, recordId: row.recordId, externalId, existsRemote: true, syncedValues: prepared.values, syncedAt: now });
    const current = prepared.record?.[object.odooRefField];
    if (externalId !== null && (current === null || current === undefined || current === '')) {
      // Bookkeeping: origin `system` is never captured, so storing the id pushes nothing.
      const value = coerceFieldValue(model.fields[object.odooRefField], externalId, 'lenient');
      await this.writer.writeIn(manager, model, row.recordId, { [object.odooRefField]: value }, { source: 'system', webServiceId: object.webServiceId, syncObjectId: object.id }).catch((error: unknown) => {
        // The record may have been deleted meanwhile; the state row keeps the id for the delete.
        this.logger.warn(`could not store external id ${externalId} on ${model.name} ${row.recordId}: ${(error as Error).message}`);
      });
    }
  }

  /** Standard Webhooks headers when the web service has a signing secret (the client sends the same JSON text). */
  private signing(webService: WebServiceEntity, id: string, body: unknown): Record<string, string> {
    const secret = this.secrets.openSigningSecret(webService);
    return secret ? signatureHeaders(secret, id, JSON.stringify(body)) : {};
  }
}

function describeFailure(error: string | undefined, httpStatus: number | undefined, answer: { status?: unknown; error_message?: unknown }): string {
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
