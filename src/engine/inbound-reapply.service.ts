import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { parseInstant } from '../change-control/change-log-filter';
import { ChangeAction } from '../change-control/change-log.types';
import { FailedInboundChanges, FailedInboundFilter, LoggedChange } from '../change-control/failed-inbound-changes.service';
import { ValidationError } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { SyncObjectCatalog } from '../sync-objects/sync-object.catalog';
import { ReapplyChangesDto } from './dto/reapply.dto';
import { InboundApplier } from './inbound-applier.service';
import { planReapply, recordKey, ReapplyDecision } from './inbound-reapply';

export interface ReapplyItem {
  changeLogId: number;
  syncObjectId: number | null;
  action: ChangeAction;
  externalId: string | null;
  title: string | null;
  syncedAt: Date;
  errorMessage: string | null;
  decision: 'reapply' | 'skip';
  reason?: string;
  outcome?: { status: 'success' | 'failed'; errorMessage: string; odooId: number | null };
}

export interface ReapplyResult {
  preview: boolean;
  matched: number;
  considered: number;
  wouldReapply: number;
  skipped: number;
  succeeded: number;
  failed: number;
  items: ReapplyItem[];
}

const DEFAULT_LIMIT = 100;

/**
 * Re-applies failed inbound changes (the change log keeps what was received) through the normal
 * inbound path, InboundApplier, as a `manual` change: useful once the cause is fixed (a mapping,
 * a missing country, a sync model field). Which rows go and which are left alone, and why, is
 * planned by inbound-reapply.ts; a preview answers that plan and writes nothing. Each re-applied
 * change writes its own new change-log row (the applier's), and the call is audited.
 */
@Injectable()
export class InboundReapplyService {
  constructor(
    private readonly changes: FailedInboundChanges,
    private readonly catalog: SyncObjectCatalog,
    private readonly applier: InboundApplier,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async reapply(dto: ReapplyChangesDto): Promise<ReapplyResult> {
    const filter = toFilter(dto);
    const { rows, total } = await this.changes.select(filter, dto.limit ?? DEFAULT_LIMIT);
    const objects = await this.catalog.all();
    const newest = await this.changes.newestApplied(rows);
    const decisions = planReapply(rows, {
      objects: new Map(objects.map(({ object }) => [object.id, { active: object.active }])),
      newestApplied: new Map(newest.map((n) => [recordKey(n.syncObjectId, n.externalId), n.id])),
    });
    const result: ReapplyResult = {
      preview: dto.preview === true,
      matched: total,
      considered: rows.length,
      wouldReapply: decisions.filter((d) => d.reapply).length,
      skipped: decisions.filter((d) => !d.reapply).length,
      succeeded: 0,
      failed: 0,
      items: decisions.map(itemOf),
    };
    if (result.preview || !result.wouldReapply) return result;

    const targets = new Map(objects.map((target) => [target.object.id, target]));
    for (const [index, decision] of decisions.entries()) {
      if (!decision.reapply) continue;
      // The same path as a change arriving now (its own transaction, its own change-log row).
      const outcome = await this.applier.apply(targets.get(decision.row.syncObjectId!)!, decision.item, 'manual');
      result.items[index].outcome = { status: outcome.status, errorMessage: outcome.errorMessage, odooId: outcome.odooId };
      result[outcome.status === 'success' ? 'succeeded' : 'failed'] += 1;
    }
    await this.unitOfWork.run(() =>
      this.audit.record({
        action: 'reapply',
        resourceType: 'change-log',
        details: {
          filter: { ...dto, preview: undefined },
          reapplied: result.items.filter((item) => item.outcome).map((item) => item.changeLogId),
          succeeded: result.succeeded,
          failed: result.failed,
          skipped: result.skipped,
        },
      }),
    );
    return result;
  }
}

/** `ids`, or `syncObjectId` with its narrowing fields: one of the two, never both, never neither. */
function toFilter(dto: ReapplyChangesDto): FailedInboundFilter {
  const narrowing = (['externalId', 'from', 'to'] as const).filter((field) => dto[field] !== undefined);
  if (dto.ids && dto.syncObjectId !== undefined)
    throw ValidationError.field('CHANGE_LOG.REAPPLY_FILTER', 'syncObjectId', 'give either ids or syncObjectId, not both');
  if (dto.ids) {
    if (narrowing.length)
      throw ValidationError.field('CHANGE_LOG.REAPPLY_FILTER', narrowing[0], 'only narrows syncObjectId; with ids it is not used');
    return { ids: [...new Set(dto.ids)] };
  }
  if (dto.syncObjectId === undefined)
    throw ValidationError.field(
      'CHANGE_LOG.REAPPLY_FILTER',
      'ids',
      'give ids or syncObjectId (re-applying every failed change at once is not offered)',
    );
  const from = dto.from === undefined ? undefined : parseInstant(dto.from, 'from');
  const to = dto.to === undefined ? undefined : parseInstant(dto.to, 'to');
  if (from && to && from > to) throw ValidationError.field('CHANGE_LOG.BAD_RANGE', 'to', 'must not be before from');
  return { syncObjectId: dto.syncObjectId, externalId: dto.externalId, from, to };
}

function itemOf(decision: ReapplyDecision<LoggedChange>): ReapplyItem {
  const { row } = decision;
  const item: ReapplyItem = {
    changeLogId: row.id,
    syncObjectId: row.syncObjectId,
    action: row.action,
    externalId: row.externalId,
    title: row.title,
    syncedAt: row.syncedAt,
    errorMessage: row.errorMessage,
    decision: decision.reapply ? 'reapply' : 'skip',
  };
  if (!decision.reapply) item.reason = decision.reason;
  return item;
}
