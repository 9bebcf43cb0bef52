import { Injectable } from '@nestjs/common';
import { ChangeLogService } from '../../change-control/change-log.service';
import { buildChangeLogEntry } from '../../change-control/change-log.builder';
import { NewChangeLogEntry } from '../../change-control/change-log.types';
import { UnitOfWork } from '../../database/unit-of-work';
import { ResolvedSyncObject } from '../../sync-objects/sync-object.catalog';
import { WebServiceEntity } from '../../web-services/web-service.entity';
import { WebServiceClient } from '../../web-services/outbound/web-service.client';
import { confirmationBody, ItemConfirmation, readConfirmationAnswer } from '../cron-protocol';
import { RunTrigger } from '../sync-run.types';
import { ItemOutcome } from './receive.step';

export type ConfirmResult = { ok: true; confirmed: number } | { ok: false; error: string };

/**
 * The confirm step (web services with "needs confirmation"): POST every received
 * item's committed outcome to the confirmation URL and check the answer. A refused
 * confirmation fails the step; the items stay offered on the external side and come
 * again next run (applying them again is idempotent).
 *
 * Change control: one row per confirmed item, direction external_to_odoo (the
 * confirmation completes that item's inbound synchronization; filtering by external
 * id shows receive and confirm together), named "Confirm <Create|Modify|Delete> <model>",
 * with the content item sent as destination values. The rows of one confirmation are
 * written together in one transaction once its answer is known.
 */
@Injectable()
export class ConfirmStep {
  constructor(
    private readonly client: WebServiceClient,
    private readonly changeLog: ChangeLogService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async confirm(
    target: ResolvedSyncObject,
    webService: WebServiceEntity,
    outcomes: readonly ItemOutcome[],
    trigger: RunTrigger,
  ): Promise<ConfirmResult> {
    // An item without an external id cannot be named in a confirmation; its failure is logged already.
    const confirmable = outcomes.filter((o): o is ItemOutcome & { rawExternalId: string | number } => o.rawExternalId !== null);
    if (!confirmable.length) return { ok: true, confirmed: 0 };
    const items: ItemConfirmation[] = confirmable.map((o) => ({
      status: o.status,
      errorMessage: o.errorMessage,
      externalId: o.rawExternalId,
    }));
    const body = confirmationBody(items);
    const started = Date.now();
    const answer = readConfirmationAnswer(
      await this.client.post(webService, webService.confirmationUrl ?? webService.url, body, { kind: 'confirm' }),
    );
    const content = body.content as Record<string, unknown>[];
    const now = new Date();
    const entries: NewChangeLogEntry[] = confirmable.map((outcome, i) =>
      buildChangeLogEntry(target, {
        direction: 'external_to_odoo',
        action: outcome.action,
        trigger,
        externalId: String(outcome.rawExternalId),
        odooId: outcome.odooId,
        title: outcome.title,
        namePrefix: 'Confirm',
        originValues: { status: outcome.status, error_message: outcome.errorMessage ?? false },
        destinationValues: content[i],
        syncedAt: now,
        errorMessage: answer.ok ? null : `confirmation not accepted: ${answer.error}`,
        durationMs: now.getTime() - started,
      }),
    );
    await this.unitOfWork.run(() => this.changeLog.recordMany(entries));
    return answer.ok ? { ok: true, confirmed: confirmable.length } : { ok: false, error: answer.error };
  }
}
