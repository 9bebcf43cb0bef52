import * as http from 'node:http';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertsService } from '../../src/alerts/alerts.service';
import { createApp } from '../../src/bootstrap';
import { SyncRunEntity } from '../../src/scheduler/sync-run.entity';
import { SyncRunsService } from '../../src/scheduler/sync-runs.service';
import { SettingsService } from '../../src/settings/settings.service';
import { OutboxEntity } from '../../src/sync-state/outbox.entity';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { isMysqlRun } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { startTestApp, TestApp } from '../support/test-app';

interface Notification {
  text: string;
  subject: { kind: string; id: number; name: string };
  from: string;
  to: string;
  reasons: string[];
  at: string;
}
type Json = Record<string, unknown>;

/** A webhook receiver that records every notification it is sent. */
class Webhook {
  readonly received: Notification[] = [];
  status = 200;
  /** While set, answers wait until it resolves (a webhook that hangs). */
  gate: Promise<void> | null = null;
  private server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      this.received.push(JSON.parse(body) as Notification);
      void (this.gate ?? Promise.resolve()).then(() => res.writeHead(this.status, { 'Content-Type': 'text/plain' }).end('ok'));
    });
  });
  url = '';
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/hooks/alerts`;
  }
  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
  about(kind: string, id: number): Notification[] {
    return this.received.filter((n) => n.subject.kind === kind && n.subject.id === id);
  }
}

/**
 * Alerts: a failing external system drives a sync object ok → warning → critical → ok, with
 * exactly one notification per change, on two instances sharing the database.
 */
describe('alerts (/api/alerts, notifications, auto-pause)', () => {
  let t: TestApp;
  let second: INestApplication;
  let f: Factory;
  let fake: FakeExternalSystem;
  let webhook: Webhook;
  let codes = 0;
  // Two instances in one process on one SQLite file must not write at the same time (better-sqlite3 waits
  // synchronously for the lock): there the evaluations run when the test says; on MariaDB every 100 ms too.
  const EVERY = isMysqlRun() ? '100' : '0';

  const instances = () => [t.app, second];
  /** Both instances evaluate, several times, at once; then every notification they queued is sent. */
  const evaluateEverywhere = async () => {
    await Promise.all([...instances(), ...instances()].map((app) => app.get(AlertsService).evaluate()));
    await Promise.all(instances().map((app) => app.get(AlertsService).notificationsSent()));
  };
  const alertOf = async (kind: string, id: number) =>
    ((await t.api().get(`/api/alerts?kind=${kind}`).expect(200)).body.items as Json[]).find((a) => a.id === id)!;

  /** A failed run recorded without either instance evaluating after it (as if its runner had died). */
  const recordFailedRun = async (syncObjectId: number) => {
    const now = new Date();
    await t.app
      .get(DataSource)
      .getRepository(SyncRunEntity)
      .insert({
        syncObjectId,
        trigger: 'manual',
        status: 'failed',
        startedAt: now,
        finishedAt: now,
        ...{ received: 0, applied: 0, failed: 0, confirmed: 0, sent: 0 },
        error: 'receive: gone',
      });
  };

  async function failingObject() {
    const code = `ALR${++codes}`;
    const url = fake.urlFor(code);
    const ws = await f.webService({ url, shippingUrl: url });
    const object = await f.contactObject({ direction: 'external_to_odoo', mode: 'cron', webServiceId: ws.id });
    fake.offer(code, 'insert', { unique_id: `${code}-1`, name: `Alerted ${code}` });
    return { code, object, ws };
  }

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    webhook = new Webhook();
    await webhook.start();
    t = await startTestApp({ ALERT_EVALUATE_MS: EVERY, SCHEDULER: 'off', ALERT_CRITICAL_AFTER_FAILED_RUNS: '3' });
    f = new Factory(t);
    await t.api().put('/api/settings').send({ alertWebhookUrl: webhook.url }).expect(200);
    // Started after the settings change, so its settings cache already holds the webhook.
    second = await createApp({ logger: ['error'] });
    await second.init();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
    await webhook.stop();
    await fake.stop();
  });
  afterEach(async () => {
    fake.clearFault();
    await f.removeObjects();
  });

  it('ok → warning → critical → ok: one notification per change, whichever instance runs or evaluates', async () => {
    const { code, object } = await failingObject();
    await evaluateEverywhere();
    expect(await alertOf('sync-object', object.id)).toMatchObject({ level: 'ok', reasons: [], autoPaused: false });

    const runOn = async (app: INestApplication) => {
      const run = await app.get(SyncRunsService).runNow(object.id);
      await evaluateEverywhere();
      return run.status;
    };
    fake.setFault({ type: 'http500', kind: 'receive', code });
    expect(await runOn(t.app)).toBe('failed');
    const warning = await alertOf('sync-object', object.id);
    expect(warning.level).toBe('warning');
    expect(warning.reasons).toEqual([expect.stringMatching(/^the last run failed: receive: .*500/)]);
    expect(await runOn(second)).toBe('failed');
    expect(webhook.about('sync-object', object.id)).toHaveLength(1);
    expect(await runOn(t.app)).toBe('failed');
    expect(await alertOf('sync-object', object.id)).toMatchObject({ level: 'critical', reasons: ['3 runs failed in a row'] });
    expect(await runOn(second)).toBe('failed');
    fake.clearFault();
    expect(await runOn(second)).toBe('success');
    expect(await alertOf('sync-object', object.id)).toMatchObject({ level: 'ok', reasons: [], notifyError: null });

    const sent = webhook.about('sync-object', object.id);
    expect(sent.map((n) => `${n.from}→${n.to}`)).toEqual(['ok→warning', 'warning→critical', 'critical→ok']);
    expect(sent[0]).toEqual({
      text: expect.stringMatching(
        new RegExp(`^\\[Synchro\\] Sync object "${object.name}" \\(${object.id}\\): ok → warning: the last run failed`),
      ),
      subject: { kind: 'sync-object', id: object.id, name: object.name },
      from: 'ok',
      to: 'warning',
      reasons: [expect.stringMatching(/^the last run failed/)],
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(sent[2].text).toMatch(/critical → ok \(recovered\)$/);
  });

  it('a run answers without waiting for the webhook; the notification follows, in order', async () => {
    const { code, object } = await failingObject();
    await evaluateEverywhere();
    let open = () => undefined as void;
    webhook.gate = new Promise<void>((resolve) => (open = resolve));
    try {
      fake.setFault({ type: 'http500', kind: 'receive', code });
      // The webhook does not answer until the gate opens: a run that waited for it would never answer.
      const run = await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200);
      expect(run.body.status).toBe('failed');
      // Not answered, not timed out either (a run that waited would answer only after ALERT_WEBHOOK_TIMEOUT_MS, with its error).
      expect(await alertOf('sync-object', object.id)).toMatchObject({ level: 'warning', notifyError: null });
      await waitFor(() => webhook.about('sync-object', object.id).length === 1, 'the notification sent', 10_000, 20);
      fake.clearFault();
      await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200);
      expect(await alertOf('sync-object', object.id)).toMatchObject({ level: 'ok' });
      // This instance's recovery waits for its warning's POST: one subject's notifications keep their order.
      // (On MariaDB the other instance evaluates every 100 ms too and may claim the recovery itself.)
      if (!isMysqlRun()) expect(webhook.about('sync-object', object.id).map((n) => n.to)).toEqual(['warning']);
    } finally {
      open();
      webhook.gate = null;
    }
    await evaluateEverywhere();
    expect(webhook.about('sync-object', object.id).map((n) => n.to)).toEqual(['warning', 'ok']);
    expect(await alertOf('sync-object', object.id)).toMatchObject({ notifyError: null });
  });

  it('a change both instances see at the same moment is notified once (claimed in the database)', async () => {
    const { object } = await failingObject();
    await evaluateEverywhere();
    await recordFailedRun(object.id);
    await evaluateEverywhere();
    await evaluateEverywhere();
    expect(webhook.about('sync-object', object.id).map((n) => n.to)).toEqual(['warning']);
    expect(await alertOf('sync-object', object.id)).toMatchObject({ level: 'warning', reasons: ['the last run failed: receive: gone'] });
  });

  it('pauseAfterFailedRuns deactivates the object, and the alert says so; reactivating recovers', async () => {
    await t.api().put('/api/settings').send({ pauseAfterFailedRuns: 2 }).expect(200);
    second.get(SettingsService).invalidate();
    try {
      const { code, object } = await failingObject();
      fake.setFault({ type: 'http500', kind: 'receive', code });
      await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200);
      await evaluateEverywhere();
      expect((await t.api().get(`/api/sync-objects/${object.id}`).expect(200)).body.active).toBe(true);
      await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200);
      await evaluateEverywhere();
      expect((await t.api().get(`/api/sync-objects/${object.id}`).expect(200)).body.active).toBe(false);
      const paused = await alertOf('sync-object', object.id);
      expect(paused).toMatchObject({ level: 'critical', autoPaused: true });
      expect(paused.reasons).toEqual(['deactivated after 2 failed runs in a row (pauseAfterFailedRuns)']);
      await t.api().post(`/api/sync-objects/${object.id}/run`).expect(409);

      fake.clearFault();
      await t.api().patch(`/api/sync-objects/${object.id}`).send({ active: true }).expect(200);
      await evaluateEverywhere();
      // The failures before the pause no longer count.
      expect(await alertOf('sync-object', object.id)).toMatchObject({ level: 'ok', autoPaused: false });
      const sent = webhook.about('sync-object', object.id);
      expect(sent.map((n) => `${n.from}→${n.to}`)).toEqual(['ok→warning', 'warning→critical', 'critical→ok']);
      expect(sent[1].text).toMatch(/deactivated after 2 failed runs in a row/);
    } finally {
      await t.api().put('/api/settings').send({ pauseAfterFailedRuns: null }).expect(200);
      second.get(SettingsService).invalidate();
    }
  });

  it('a web service: dead outbound changes make it warning until they are retried', async () => {
    const { object, ws } = await failingObject();
    await evaluateEverywhere();
    const outbox = t.app.get(DataSource).getRepository(OutboxEntity);
    const now = new Date();
    await outbox.insert({
      syncObjectId: object.id,
      webServiceId: ws.id,
      model: 'res.partner',
      recordId: 1,
      kind: 'upsert',
      status: 'dead',
      changedFields: [],
      snapshot: null,
      attempts: 12,
      nextAttemptAt: now,
      createdAt: now,
      lastError: 'HTTP 500',
    });
    await evaluateEverywhere();
    expect(await alertOf('web-service', ws.id)).toMatchObject({ level: 'warning', reasons: ['1 outbound change given up (dead)'] });
    expect(await alertOf('sync-object', object.id)).toMatchObject({ level: 'warning', reasons: ['1 outbound change given up (dead)'] });
    await outbox.delete({ webServiceId: ws.id, status: 'dead' });
    await evaluateEverywhere();
    expect(webhook.about('web-service', ws.id).map((n) => `${n.from}→${n.to}`)).toEqual(['ok→warning', 'warning→ok']);
  });

  it('records a notification the webhook refused, and sends no second one for the same change', async () => {
    const { object } = await failingObject();
    await evaluateEverywhere();
    webhook.status = 500;
    try {
      await recordFailedRun(object.id);
      await evaluateEverywhere();
      await evaluateEverywhere();
      expect(webhook.about('sync-object', object.id)).toHaveLength(1);
      expect((await alertOf('sync-object', object.id)).notifyError).toMatch(/500/);
    } finally {
      webhook.status = 200;
    }
  });

  it('validates its query and needs the admin token', async () => {
    const res = await t.api().get('/api/alerts?level=bad').expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['level']);
    const kind = await t.api().get('/api/alerts?kind=queue&extra=1').expect(400);
    expect(kind.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['extra', 'kind']);
    await t.http().get('/api/alerts').expect(401);
    const critical = (await t.api().get('/api/alerts?level=critical').expect(200)).body.items as Json[];
    expect(critical.every((a) => a.level === 'critical')).toBe(true);
  });

  it('the webhook URL setting is validated', async () => {
    for (const bad of ['not a url', 'ftp://example.com/x', 'http://user:pw@example.com/x', 42]) {
      const res = await t.api().put('/api/settings').send({ alertWebhookUrl: bad }).expect(400);
      expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['alertWebhookUrl']));
    }
    for (const bad of [0, 1.5, '3']) {
      const res = await t.api().put('/api/settings').send({ pauseAfterFailedRuns: bad }).expect(400);
      expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['pauseAfterFailedRuns']));
    }
    // Unchanged by the refused updates (answered redacted: scheme and host).
    expect((await t.api().get('/api/settings').expect(200)).body.alertWebhookUrl).toBe(`${new URL(webhook.url).origin}/…`);
  });
});
