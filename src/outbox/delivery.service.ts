import { Inject, Injectable } from '@nestjs/common';
import { Limiter } from '../common/limiter';
import { MetricsService } from '../metrics/metrics.service';
import { OutboxConfig, outboxConfig } from './outbox.config';
import { SettingsService } from '../settings/settings.service';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { WebServiceClient } from '../web-services/outbound/web-service.client';
import { OutboundResult } from '../web-services/outbound/outbound-result';
import { WebServiceEntity } from '../web-services/web-service.entity';
import { WebServiceSecrets } from '../web-services/web-service.secrets';
import { classifyOutcome } from './delivery-outcome';
import { DeliveryPlanner, PlannedSend } from './delivery.planner';
import { DeliveredRow, DeliveryOutcome, DeliveryRecorder, DeliveryTrigger } from './delivery.recorder';
import { OutboxEntity } from '../sync-state/outbox.entity';
import { signatureHeaders } from './webhook-signature';

export type { DeliveryOutcome, DeliveryTrigger } from './delivery.recorder';

/**
 * Delivers claimed outbox rows of one sync object: the planner says what to send
 * for the batch (delivery.planner.ts), the sends go to the web service's shipping
 * URL in parallel (each row is the head of its record, so per-record order holds;
 * OUTBOX_CONCURRENCY bounds the sends across batches), each answer is classified
 * (delivery-outcome.ts: done / retry at / dead), and the recorder writes the
 * outcomes and their change-control rows in one transaction (delivery.recorder.ts).
 */
@Injectable()
export class DeliveryService {
  /** OUTBOX_CONCURRENCY bounds the sends in flight across every batch being delivered. */
  private readonly sendSlots: Limiter;

  constructor(
    private readonly planner: DeliveryPlanner,
    private readonly recorder: DeliveryRecorder,
    private readonly client: WebServiceClient,
    private readonly secrets: WebServiceSecrets,
    private readonly settings: SettingsService,
    @Inject(outboxConfig.KEY) private readonly config: OutboxConfig,
    private readonly metrics: MetricsService,
  ) {
    this.sendSlots = new Limiter(config.concurrency);
  }

  async deliverMany(
    rows: OutboxEntity[],
    target: ResolvedSyncObject,
    webService: WebServiceEntity,
    trigger: DeliveryTrigger,
  ): Promise<DeliveryOutcome[]> {
    const started = Date.now();
    const plans = await this.planner.plan(rows, target);
    const answers = await Promise.all(
      plans.map((plan) => ('skip' in plan ? undefined : this.sendSlots.run(() => this.send(webService, plan)))),
    );
    const { outboxMaxAttempts } = await this.settings.get();
    const now = new Date();
    const delivered = rows.map((row, i): DeliveredRow => {
      const plan = plans[i];
      if ('skip' in plan) return { row, plan };
      const verdict = classifyOutcome({
        answer: answers[i]!,
        attempts: row.attempts,
        maxAttempts: outboxMaxAttempts,
        externalId: plan.externalId,
        now,
        backoffScale: this.config.backoffScale,
      });
      return { row, plan, verdict };
    });
    const outcomes = await this.recorder.record(delivered, { target, webService, trigger, started, now });
    this.metrics.batchDelivered({ webServiceId: webService.id, syncObjectId: target.object.id, rows, answers, outcomes });
    return outcomes;
  }

  private send(webService: WebServiceEntity, plan: PlannedSend): Promise<OutboundResult> {
    return this.client.post(webService, webService.shippingUrl ?? webService.url, plan.body, {
      idempotencyKey: plan.idempotencyKey,
      headers: this.signing(webService, plan.idempotencyKey, plan.body),
    });
  }

  /**
   * Delivering failed before any answer could be judged (a query the database refused, a bug):
   * each row counts an attempt and keeps the reason, and change control gets a failed row.
   */
  async recordUnexpectedFailure(rows: OutboxEntity[], target: ResolvedSyncObject | undefined, error: unknown): Promise<void> {
    const { outboxMaxAttempts } = await this.settings.get();
    await this.recorder.recordUnexpectedFailure(rows, target, error, outboxMaxAttempts);
  }

  /** Standard Webhooks headers when the web service has a signing secret (the client sends the same JSON text). */
  private signing(webService: WebServiceEntity, id: string, body: unknown): Record<string, string> {
    const secret = this.secrets.openSigningSecret(webService);
    return secret ? signatureHeaders(secret, id, JSON.stringify(body)) : {};
  }
}
