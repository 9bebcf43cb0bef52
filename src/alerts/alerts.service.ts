import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { PeriodicJobs } from '../common/periodic-jobs';
import { OutboxService } from '../outbox/outbox.service';
import { RunEvents } from '../scheduler/run-events';
import { SettingsService } from '../settings/settings.service';
import { SyncObjectsService } from '../sync-objects/sync-object.service';
import { WebServiceClient } from '../web-services/outbound/web-service.client';
import { WebServicesService } from '../web-services/web-services.service';
import { AlertFactsRepository, RUNS_LOOKED_AT } from './alert-facts.repository';
import { AlertStateEntity } from './alert-state.entity';
import { AlertStateRepository } from './alert-state.repository';
import { AlertKind, AlertLevel, assessSyncObject, assessWebService, Assessment, notificationOf, subjectKey } from './alert.rules';
import { AlertsConfig, alertsConfig } from './alerts.config';

export const EVALUATE_JOB = 'alerts.evaluate';

export interface AlertView {
  subject: string;
  kind: AlertKind;
  id: number;
  name: string;
  level: AlertLevel;
  reasons: string[];
  /** When the level last changed (null: never evaluated yet). */
  since: Date | null;
  /** The object was deactivated by the alerts (pauseAfterFailedRuns). */
  autoPaused: boolean;
  /** Why the last notification could not be delivered (null: delivered, or none). */
  notifyError: string | null;
}

interface Subject {
  kind: AlertKind;
  id: number;
  name: string;
}

/**
 * The alerts: evaluates every sync object and web service against the rules
 * (alert.rules.ts) periodically (job `alerts.evaluate`) and after every run, keeps
 * each subject's state in alert_state, and POSTs one notification per change of state
 * to the alertWebhookUrl setting. With several instances the change is claimed by a
 * conditional UPDATE of the state row; only the instance whose update won notifies
 * (and, for pauseAfterFailedRuns, deactivates the object).
 */
@Injectable()
export class AlertsService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Alerts');
  /** Evaluations of this instance take turns: the one in progress, and the one waiting for it. */
  private running: Promise<void> | null = null;
  private waiting: Promise<void> | null = null;
  private stopping = false;
  /** Notifications being sent, the last queued per subject (see queueNotification). */
  private readonly sending = new Map<string, Promise<void>>();

  constructor(
    private readonly states: AlertStateRepository,
    private readonly facts: AlertFactsRepository,
    private readonly syncObjects: SyncObjectsService,
    private readonly webServices: WebServicesService,
    private readonly outbox: OutboxService,
    private readonly settings: SettingsService,
    private readonly client: WebServiceClient,
    private readonly runEvents: RunEvents,
    private readonly jobs: PeriodicJobs,
    @Inject(alertsConfig.KEY) private readonly config: AlertsConfig,
  ) {}

  onModuleInit(): void {
    this.runEvents.onFinished(() => this.evaluate());
  }

  onApplicationBootstrap(): void {
    if (this.config.evaluateMs > 0) this.jobs.every(EVALUATE_JOB, this.config.evaluateMs, () => this.evaluate());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.jobs.stop(EVALUATE_JOB);
    this.stopping = true;
    await Promise.allSettled([this.running, this.waiting]);
    // Each bounded by ALERT_WEBHOOK_TIMEOUT_MS: a change claimed before the signal is still told.
    await this.notificationsSent();
  }

  /** The current states (every sync object and web service; one not evaluated yet is ok). */
  async list(filter: { level?: AlertLevel; kind?: AlertKind } = {}): Promise<AlertView[]> {
    const rows = new Map((await this.states.list()).map((row) => [row.subject, row]));
    const views = (await this.subjects()).map((subject) => viewOf(subject, rows.get(subjectKey(subject.kind, subject.id))));
    return views.filter((v) => (!filter.level || v.level === filter.level) && (!filter.kind || v.kind === filter.kind));
  }

  /**
   * Evaluates every subject, in an evaluation that starts after this call: at once, or after the one in
   * progress. Calls that come while one is waiting to start share it (a busy instance never queues more).
   */
  evaluate(): Promise<void> {
    if (this.waiting) return this.waiting;
    const previous = (this.running ?? Promise.resolve()).catch(() => undefined);
    const next: Promise<void> = previous.then(async () => {
      this.waiting = null;
      this.running = next;
      try {
        if (!this.stopping) await this.evaluateNow();
      } finally {
        if (this.running === next) this.running = null;
      }
    });
    this.waiting = next;
    return next;
  }

  private async subjects(): Promise<(Subject & { active: boolean })[]> {
    const [objects, webServices] = await Promise.all([this.syncObjects.list(), this.webServices.list()]);
    return [
      ...objects.map((o) => ({ kind: 'sync-object' as const, id: o.id, name: o.name, active: o.active })),
      ...webServices.map((w) => ({ kind: 'web-service' as const, id: w.id, name: w.name, active: w.active })),
    ];
  }

  private async evaluateNow(): Promise<void> {
    // The states are read before the facts: a state another instance changed was decided on facts no newer than ours.
    const rows = new Map((await this.states.list()).map((row) => [row.subject, row]));
    const settings = await this.settings.get();
    const { thresholds } = this.config;
    const subjects = await this.subjects();
    const dead = await this.facts.deadRows();
    const held = await this.facts.heldRuns();
    const now = new Date();
    for (const subject of subjects) {
      const key = subjectKey(subject.kind, subject.id);
      const state = rows.get(key) ?? (await this.states.ensure(key, now));
      if (subject.kind === 'sync-object') {
        const lookAt = Math.min(RUNS_LOOKED_AT, Math.max(thresholds.criticalAfterFailedRuns, settings.pauseAfterFailedRuns ?? 0));
        const runs = await this.facts.recentRuns(subject.id, state.pausedAt, lookAt);
        const failedInARow = runs.findIndex((run) => run.status !== 'failed');
        const assessment = assessSyncObject(
          {
            active: subject.active,
            consecutiveFailedRuns: failedInARow === -1 ? runs.length : failedInARow,
            lastRunError: runs[0]?.status === 'failed' ? runs[0].error : null,
            deadRows: dead.bySyncObject.get(subject.id) ?? 0,
            autoPaused: state.autoPaused && !subject.active,
            heldRuns: held.get(subject.id),
          },
          thresholds,
          settings.pauseAfterFailedRuns,
        );
        await this.settle(subject, state, assessment, assessment.pause, !subject.active && (state.autoPaused || assessment.pause), now);
      } else {
        const health = subject.active ? await this.outbox.webServiceHealth(subject.id) : null;
        const assessment: Assessment = health
          ? assessWebService(
              {
                deadRows: dead.byWebService.get(subject.id) ?? 0,
                oldestPendingAgeSeconds: health.oldestPendingAgeSeconds,
                circuit: health.status,
                pausedUntil: health.pausedUntil,
              },
              thresholds,
            )
          : { level: 'ok', reasons: [] };
        await this.settle(subject, state, assessment, false, false, now);
      }
    }
    await this.states.removeExcept(
      'sync-object:',
      subjects.filter((s) => s.kind === 'sync-object').map((s) => subjectKey(s.kind, s.id)),
    );
    await this.states.removeExcept(
      'web-service:',
      subjects.filter((s) => s.kind === 'web-service').map((s) => subjectKey(s.kind, s.id)),
    );
  }

  /** Records the assessment; a change of level (or a pause) is claimed, and the winner acts and notifies. */
  private async settle(subject: Subject, state: AlertStateEntity, assessment: Assessment, pause: boolean, autoPaused: boolean, now: Date) {
    const { level, reasons } = assessment;
    if (level === state.level && !pause) {
      if (!sameList(reasons, state.reasons) || autoPaused !== state.autoPaused)
        await this.states.refresh(state, { reasons, autoPaused }, now);
      return;
    }
    if (pause) {
      // Deactivated before the claim: an instance that reads the claimed state then reads the object inactive.
      // Two instances may both deactivate it (harmless); only the one whose claim wins notifies.
      const deactivated = await this.syncObjects.update(subject.id, { active: false }).then(
        () => true,
        (error: unknown) => {
          this.logger.error(`could not deactivate sync object ${subject.id}: ${(error as Error).message}`);
          return false;
        },
      );
      if (!deactivated) return;
    }
    const since = level === state.level ? state.since : now;
    const claimed = await this.states.claim(state, {
      level,
      reasons,
      since,
      updatedAt: now,
      ...(pause ? { pausedAt: now, autoPaused: true } : { autoPaused }),
    });
    if (!claimed) return;
    if (pause) {
      this.logger.warn(`sync object ${subject.id} ("${subject.name}") deactivated after failed runs (pauseAfterFailedRuns)`);
    }
    this.logger.log(
      `${subjectKey(subject.kind, subject.id)}: ${state.level} → ${level}${reasons.length ? ` (${reasons.join('; ')})` : ''}`,
    );
    this.queueNotification(state.subject, state.version + 1, { ...subject, from: state.level, to: level, reasons, at: now });
  }

  /**
   * The POST goes out after the evaluation, never inside it: a run (POST /run waits for the evaluation
   * that follows it) must not wait for a slow webhook. One subject's notifications keep their order.
   */
  private queueNotification(key: string, version: number, transition: Parameters<typeof notificationOf>[0]): void {
    const previous = this.sending.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.notify(key, version, transition))
      .catch((error: unknown) => this.logger.warn(`alert notification for ${key} failed: ${(error as Error)?.message ?? String(error)}`));
    this.sending.set(key, next);
    void next.finally(() => {
      if (this.sending.get(key) === next) this.sending.delete(key);
    });
  }

  /** Resolves once every notification queued so far (and any queued meanwhile) is sent or has failed. */
  async notificationsSent(): Promise<void> {
    while (this.sending.size) await Promise.allSettled([...this.sending.values()]);
  }

  private async notify(key: string, version: number, transition: Parameters<typeof notificationOf>[0]): Promise<void> {
    const url = (await this.settings.get()).alertWebhookUrl;
    if (!url) return;
    const result = await this.client.postPlain(url, notificationOf(transition), this.config.webhookTimeoutMs);
    const delivered = result.httpStatus !== undefined && result.httpStatus >= 200 && result.httpStatus < 300;
    const error = delivered ? null : (result.error ?? `HTTP ${result.httpStatus}`);
    // The URL itself is a secret (Slack's carries its token): never logged.
    if (error) this.logger.warn(`alert notification for ${key} not delivered: ${error}`);
    await this.states.recordNotification(key, version, error);
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function viewOf(subject: Subject, row: AlertStateEntity | undefined): AlertView {
  return {
    subject: subjectKey(subject.kind, subject.id),
    kind: subject.kind,
    id: subject.id,
    name: subject.name,
    level: row?.level ?? 'ok',
    reasons: row?.reasons ?? [],
    since: row?.since ?? null,
    autoPaused: row?.autoPaused ?? false,
    notifyError: row?.notifyError ?? null,
  };
}
