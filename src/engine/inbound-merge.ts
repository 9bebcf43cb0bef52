/**
 * The bidirectional merge as the inbound path needs it: when a received change meets
 * an unsent local change of the same record, decide field by field (see merge.ts)
 * what is applied locally, and whether the unsent change is still worth sending.
 */
import { Injectable } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { RecordReader } from '../odoo/records/record.reader';
import { OutboxRepository } from '../sync-state/outbox.repository';
import { RecordStateRepository } from '../sync-state/record-state.repository';
import { OutboxEntity } from '../sync-state/outbox.entity';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { FieldDecision, mergeFields } from './merge';
import { OutboundValuesBuilder } from '../mapping/outbound-values.builder';
import { ownedBy, withoutOdooOwned } from '../mapping/field-ownership';

/** What the change log keeps about a merge (under `_merge` in destinationValues). */
export interface MergeReport {
  note: string;
  priority: 'odoo' | 'external';
  conflicts: string[];
  decisions: FieldDecision[];
  /** The local record before the merge and the base, external representation. */
  local: Record<string, unknown>;
  base: Record<string, unknown> | null;
  /** Set when the unsent local change was retired: the external system already has the result. */
  outbox?: string;
}

export interface MergePlan {
  /** The payload to apply: the incoming values the merge takes (unmapped keys kept, they are ignored anyway). */
  payload: Record<string, unknown>;
  report?: MergeReport;
  /** The unsent row to retire once the merged values are written. */
  retire?: OutboxEntity;
}

@Injectable()
export class InboundMerge {
  constructor(
    private readonly reader: RecordReader,
    private readonly values: OutboundValuesBuilder,
    private readonly outbox: OutboxRepository,
    private readonly states: RecordStateRepository,
    private readonly metrics: MetricsService,
  ) {}

  /** The mapped external fields of the object (what the state and the merge are about). */
  static mappedFields(target: ResolvedSyncObject): string[] {
    return target.object.fields.map((f) => f.externalField);
  }

  /** `count: false` (a dry run): the conflict is not counted in the metrics. */
  async plan(
    target: ResolvedSyncObject,
    recordId: number,
    payload: Record<string, unknown>,
    options: { count: boolean } = { count: true },
  ): Promise<MergePlan> {
    const { object, model } = target;
    const unsent = await this.outbox.unsentUpsert(object.id, recordId);
    if (!unsent) return { payload };
    const record = await this.reader.readOne(model, recordId);
    if (!record) return { payload };
    const [local] = await this.values.build(target, [record]);
    const stored = await this.states.find(object.id, recordId);
    const base = stored?.syncedValues ?? null;
    // Field ownership: fields the external system owns are simply taken (never in `fields`); fields Odoo
    // owns are merged as not sent (their incoming value is ignored), so a local change of them still goes out.
    const externalOwned = new Set(ownedBy('external', object.fields));
    const fields = InboundMerge.mappedFields(target).filter((f) => f !== object.externalRefField && !externalOwned.has(f));
    const incoming = withoutOdooOwned(payload, object.fields);
    const result = mergeFields({ fields, base, local, incoming, priority: object.priority });
    if (result.conflicts.length && options.count) this.metrics.conflict(object.id, object.priority);
    const dropped = new Set(fields.filter((f) => !result.take.includes(f)));
    const merged = Object.fromEntries(Object.entries(payload).filter(([key]) => !dropped.has(key)));
    const report: MergeReport = {
      note: result.note,
      priority: object.priority,
      conflicts: result.conflicts,
      decisions: result.decisions,
      local,
      base,
    };
    if (result.externalHasResult && unsent.status === 'pending') {
      report.outbox = `unsent change ${unsent.id} dropped: the external system already has the merged values`;
      return { payload: merged, report, retire: unsent };
    }
    return { payload: merged, report };
  }
}
