import { Injectable } from '@nestjs/common';
import { ItemPlan } from '../engine/inbound.types';
import { DomainCompiler } from '../odoo/domain-compiler.service';
import { RecordRepository } from '../odoo/records/record.repository';
import { evaluateGuard, guardNeedsTotal, GuardVerdict, guardWeighsRuns, PlanFigures } from '../sync-objects/guard';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';

/** Deletes and updates a run has applied so far (a drain weighs its batches together). */
export interface GuardTally {
  deletes: number;
  updates: number;
}

/**
 * The mass-change guard applied to a run's plan: the plan's figures (deletes and writes of
 * existing records, plus what earlier batches of the run applied) against the object's
 * thresholds (guard.ts), the percentages taken of the object's records within its domain.
 */
@Injectable()
export class RunGuard {
  constructor(
    private readonly domains: DomainCompiler,
    private readonly records: RecordRepository,
  ) {}

  /** Whether the object's guard weighs runs at all (otherwise no plan is computed before applying). */
  weighs(target: ResolvedSyncObject): boolean {
    return guardWeighsRuns(target.object.guard);
  }

  async figures(target: ResolvedSyncObject, plans: readonly ItemPlan[], before: GuardTally): Promise<PlanFigures> {
    const deletes = before.deletes + plans.filter((p) => p.action === 'unlink').length;
    const updates = before.updates + plans.filter((p) => p.action === 'write').length;
    const total = guardNeedsTotal(target.object.guard) ? await this.total(target) : 0;
    return { deletes, updates, total };
  }

  async weigh(target: ResolvedSyncObject, plans: readonly ItemPlan[], before: GuardTally): Promise<GuardVerdict> {
    return evaluateGuard(target.object.guard, await this.figures(target, plans, before));
  }

  private total(target: ResolvedSyncObject): Promise<number> {
    const condition = this.domains.compile(target.object.domain, target.model, 'r', 'domain');
    return this.records.countMatching(target.model, condition);
  }
}
