import { Injectable } from '@nestjs/common';
import { ConflictError, UnprocessableError } from '../common/errors';
import { ItemPlan, PLANNED_ACTIONS, PlannedAction } from '../engine/inbound.types';
import { RecordReader } from '../odoo/records/record.reader';
import { sameValue } from '../odoo/records/record.writer';
import { StoredValue } from '../odoo/values/field-value';
import { DeliveryPlanner } from '../outbox/delivery.planner';
import { ResolvedSyncObject, SyncObjectCatalog } from '../sync-objects/sync-object.catalog';
import { SyncObjectsService } from '../sync-objects/sync-object.service';
import { receivesFromExternal, sendsToExternal } from '../sync-objects/sync-object.types';
import { OutboxRepository } from '../sync-state/outbox.repository';
import { WebServiceEntity } from '../web-services/web-service.entity';
import { WebServicesService } from '../web-services/web-services.service';
import { DryRunItem, DryRunReceive, DryRunSend, DryRunView, FieldChange, SEND_PLAN_ACTIONS, SendPlanAction } from './dry-run.view';
import { driftHoldReason } from './object-run.service';
import { RunGuard } from './run-guard.service';
import { ReceiveStep } from './steps/receive.step';

export interface DryRunOptions {
  /** false: plan only the sending (e.g. a bidirectional object whose web service needs no confirmation). */
  receive: boolean;
  limit: number;
  offset: number;
}

const NO_CONFIRMATION_NOTE =
  'received one batch without confirming it: the external system keeps offering these items, and the next run receives them again';

/**
 * The plan of an object's next run, writing nothing: one receive batch planned by the same code
 * the run applies it with (ReceiveStep.plan → InboundBatchApplier.planMany), and the bodies its
 * send step would deliver (DeliveryPlanner, read-only). Receiving is allowed only where the web
 * service needs confirmation — otherwise the external system would drop the items it hands out —
 * and no confirmation is sent. The receive call is still a call: the API inspector lists it.
 */
@Injectable()
export class DryRunService {
  constructor(
    private readonly syncObjects: SyncObjectsService,
    private readonly catalog: SyncObjectCatalog,
    private readonly webServices: WebServicesService,
    private readonly receiveStep: ReceiveStep,
    private readonly guard: RunGuard,
    private readonly reader: RecordReader,
    private readonly outbox: OutboxRepository,
    private readonly planner: DeliveryPlanner,
  ) {}

  async dryRun(syncObjectId: number, options: DryRunOptions): Promise<DryRunView> {
    const { target, webService } = await this.resolve(syncObjectId);
    const { direction } = target.object;
    const items: DryRunItem[] = [];
    const receive = emptyReceive();
    if (!receivesFromExternal(direction)) receive.note = `direction ${direction}: the object receives nothing`;
    else if (!options.receive) receive.note = 'not asked to receive (receive: false)';
    else {
      if (!webService.needsConfirmation) {
        const problem =
          `web service "${webService.name}" does not need confirmation: the external system drops the items it hands out, ` +
          'so a dry run would lose them; turn needsConfirmation on, or ask for {"receive": false} to plan only the sending';
        throw new UnprocessableError('DRY_RUN.RECEIVE_WOULD_DROP', `sync object ${syncObjectId}: ${problem}`, [
          { field: 'receive', problem },
        ]);
      }
      items.push(...(await this.planReceive(target, webService, receive)));
    }
    const send: DryRunSend = { performed: false, counts: zeroCounts(SEND_PLAN_ACTIONS) };
    if (sendsToExternal(direction)) {
      send.performed = true;
      items.push(...(await this.planSend(target, send)));
    }
    return {
      syncObjectId,
      receive,
      send,
      items: items.slice(options.offset, options.offset + options.limit),
      total: items.length,
    };
  }

  private async planReceive(target: ResolvedSyncObject, webService: WebServiceEntity, receive: DryRunReceive): Promise<DryRunItem[]> {
    const answer = await this.receiveStep.fetch(target, webService);
    receive.performed = true;
    receive.note = NO_CONFIRMATION_NOTE;
    if (!answer.ok) {
      receive.error = answer.error;
      return [];
    }
    const plans = await this.receiveStep.plan(target, answer.items);
    for (const plan of plans) receive.counts[plan.action]++;
    // The run's own checks, in its order: the schemaDrift hold, then the mass-change guard.
    const stopped = target.object.schemaDrift === 'hold' ? await this.receiveStep.stoppedFields(target, answer.items) : [];
    if (stopped.length) receive.guard = { held: true, reason: driftHoldReason(stopped) };
    else if (this.guard.weighs(target)) {
      const verdict = await this.guard.weigh(target, plans, { deletes: 0, updates: 0 });
      receive.guard = verdict.held ? { held: true, reason: verdict.reason } : { held: false, reason: null };
    } else if (target.object.schemaDrift === 'hold') receive.guard = { held: false, reason: null };
    const changes = await this.changesOf(target, plans);
    return plans.map((plan, index) => ({
      direction: 'receive',
      index,
      action: plan.action,
      externalId: plan.externalId,
      recordId: plan.recordId,
      reason: plan.reason ?? null,
      changes: changes[index],
      merge: plan.merge ?? null,
      body: null,
      outboxId: null,
    }));
  }

  /** Old → new per field: a write lists the fields whose value differs (as the write path decides); a create every value. */
  private async changesOf(target: ResolvedSyncObject, plans: ItemPlan[]): Promise<FieldChange[][]> {
    const ids = plans.filter((p) => p.action === 'write' && p.recordId !== null).map((p) => p.recordId!);
    const records = new Map((await this.reader.read(target.model, ids)).map((r) => [r.id, r]));
    return plans.map((plan) => {
      if (plan.action === 'create') return Object.entries(plan.values).map(([field, value]) => ({ field, old: null, new: value }));
      if (plan.action !== 'write') return [];
      const record = records.get(plan.recordId!) ?? {};
      return Object.entries(plan.values)
        .filter(([field, value]) => !sameValue(record[field as keyof typeof record], asStored(value)))
        .map(([field, value]) => ({ field, old: record[field as keyof typeof record] ?? null, new: value }));
    });
  }

  private async planSend(target: ResolvedSyncObject, send: DryRunSend): Promise<DryRunItem[]> {
    const rows = await this.outbox.pendingOfObject(target.object.id, target.object.limit);
    const plans = await this.planner.plan(rows, target);
    return plans.map((plan, index): DryRunItem => {
      const row = rows[index];
      const action: SendPlanAction = 'skip' in plan ? 'skip' : plan.action;
      send.counts[action]++;
      return {
        direction: 'send',
        index,
        action,
        externalId: 'skip' in plan ? row.externalId : plan.externalId,
        recordId: row.recordId,
        reason: 'skip' in plan ? plan.skip : null,
        changes: [],
        merge: null,
        body: 'skip' in plan ? null : plan.body,
        outboxId: row.id,
      };
    });
  }

  private async resolve(syncObjectId: number): Promise<{ target: ResolvedSyncObject; webService: WebServiceEntity }> {
    const object = await this.syncObjects.getEntity(syncObjectId);
    const target = object.active ? await this.catalog.byId(syncObjectId) : undefined;
    if (!target)
      throw new ConflictError(
        'SYNC_RUN.OBJECT_INACTIVE',
        `sync object ${syncObjectId} ("${object.name}") is inactive; activate it to plan a run`,
        {
          details: [{ field: 'id', problem: 'the sync object is inactive' }],
        },
      );
    const webService = await this.webServices.getEntity(object.webServiceId);
    if (!webService.active)
      throw new ConflictError('SYNC_RUN.WEB_SERVICE_INACTIVE', `web service "${webService.name}" is inactive`, {
        details: [{ field: 'webServiceId', problem: 'the web service is inactive' }],
      });
    return { target, webService };
  }
}

/** A dry run's values carry dates as ISO text (writtenValues); the write path compares Dates. */
function asStored(value: unknown): StoredValue {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return new Date(value);
  return value as StoredValue;
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function emptyReceive(): DryRunReceive {
  return { performed: false, note: '', error: null, counts: zeroCounts<PlannedAction>(PLANNED_ACTIONS), guard: null };
}
