import { Injectable } from '@nestjs/common';
import { OutboundValuesBuilder } from '../mapping/outbound-values.builder';
import { DomainCompiler } from '../odoo/domain-compiler.service';
import { RecordReader, RecordValues } from '../odoo/records/record.reader';
import { RecordRepository } from '../odoo/records/record.repository';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { OutboxEntity } from '../sync-state/outbox.entity';
import { RecordStateRepository } from '../sync-state/record-state.repository';

export type SendAction = 'create' | 'update' | 'delete';

/** What one delivery sends, or why nothing is to be sent. */
export type DeliveryPlan = { skip: string } | PlannedSend;

export interface PlannedSend {
  action: SendAction;
  externalId: string | null;
  /** The sync object's external values of the record (or the delete's snapshot). */
  values: Record<string, unknown>;
  /** The record as read now (upserts). */
  record?: RecordValues;
  /** The seed's send request `{"action", "values", "external_id"}`. */
  body: { action: SendAction; values: Record<string, unknown>; external_id: string | null };
  idempotencyKey: string;
}

/**
 * What to send for a batch of claimed outbox rows of one sync object, from a few
 * queries for the whole batch (states, records, domain, reference values): create
 * or update or delete with which external id, or a reason to skip the row.
 */
@Injectable()
export class DeliveryPlanner {
  constructor(
    private readonly states: RecordStateRepository,
    private readonly reader: RecordReader,
    private readonly records: RecordRepository,
    private readonly values: OutboundValuesBuilder,
    private readonly domains: DomainCompiler,
  ) {}

  async plan(rows: OutboxEntity[], target: ResolvedSyncObject): Promise<DeliveryPlan[]> {
    const { object, model } = target;
    const states = await this.states.findMany(
      object.id,
      rows.map((row) => row.recordId),
    );
    const upsertIds = rows.filter((row) => row.kind === 'upsert').map((row) => row.recordId);
    const records = new Map((await this.reader.read(model, upsertIds)).map((record) => [record.id, record]));
    const inDomain = this.domains.isEmpty(object.domain, model)
      ? undefined
      : new Set(await this.records.idsMatching(model, this.domains.compile(object.domain, model, 'r', 'domain'), [...records.keys()]));
    const present = [...records.values()];
    const values = new Map((await this.values.build(target, present)).map((v, i) => [present[i].id, v]));
    return rows.map((row): DeliveryPlan => {
      const state = states.get(row.recordId);
      if (row.kind === 'delete') {
        const externalId = row.externalId ?? state?.externalId ?? null;
        if (externalId === null && !state?.existsRemote) return { skip: 'the external system never received this record' };
        return send(row, target, 'delete', externalId, row.snapshot ?? {});
      }
      const record = records.get(row.recordId);
      if (!record) return { skip: 'the record no longer exists' };
      if (inDomain && !inDomain.has(row.recordId)) return { skip: 'the record is outside the sync object domain' };
      const ref = record[object.odooRefField];
      const externalId = ref !== null && ref !== undefined && ref !== '' ? String(ref) : (state?.externalId ?? null);
      const action = externalId !== null || state?.existsRemote ? 'update' : 'create';
      return send(row, target, action, externalId, values.get(record.id)!, record);
    });
  }
}

function send(
  row: OutboxEntity,
  target: ResolvedSyncObject,
  action: SendAction,
  externalId: string | null,
  values: Record<string, unknown>,
  record?: RecordValues,
): PlannedSend {
  // As in the seed's send example, the external-id pair travels as the top-level `external_id`, not in `values`.
  const { [target.object.externalRefField]: _ref, ...sent } = values;
  return {
    action,
    externalId,
    values,
    record,
    body: { action, values: sent, external_id: externalId },
    idempotencyKey: `synchro-${row.syncObjectId}-${row.recordId}-${row.id}`,
  };
}
