import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { parsePrometheus, sampleOf, Sample, sumOf } from '../support/prometheus';
import { startTestApp, TestApp, TEST_ADMIN_TOKEN } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** GET /metrics: the Prometheus text moves as real runs and deliveries against the fake external system happen. */
describe('metrics', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  type Json = Record<string, unknown>;

  const scrape = async (): Promise<Sample[]> => {
    const res = await t.api().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheus(res.text);
  };
  const run = async (objectId: number) => (await t.api().post(`/api/sync-objects/${objectId}/run`).expect(200)).body;

  async function object(code: string, overrides: Json = {}) {
    const url = fake.urlFor(code);
    const ws = await f.webService({ name: `ws-${code}`, url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url });
    const created = await f.contactObject({
      name: `obj-${code}`,
      direction: 'external_to_odoo',
      mode: 'cron',
      webServiceId: ws.id,
      ...overrides,
    });
    return { ws, object: created, name: `obj-${code}`, wsName: `ws-${code}` };
  }

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ SCHEDULER: 'off', OUTBOX_POLL_MS: '50', OUTBOX_BACKOFF_SCALE: '0.002', OUTBOX_BREAKER_THRESHOLD: '2' });
    f = new Factory(t);
    await f.country('Spain', 'ES');
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  afterEach(async () => {
    fake.clearFault();
    await f.removeObjects();
  });

  it('needs the admin token (like /api) and names the build', async () => {
    expect((await t.http().get('/metrics').expect(401)).body.code).toBe('AUTH.MISSING_TOKEN');
    await t.http().get('/metrics').set('Authorization', 'Bearer not-the-token-0123456789').expect(401);
    const samples = await scrape();
    expect(sampleOf(samples, 'synchro_build_info', { version: '0.1.0' })).toBe(1);
  });

  it('a cron run: records applied and failed, the run, the steps succeeded, the heartbeat', async () => {
    const { object: o, name } = await object('MIN');
    fake.seed('MIN', [
      { action: 'insert', values: { unique_id: 'M-1', name: 'One', country: 'ES' } },
      { action: 'insert', values: { unique_id: 'M-2', name: 'Two', country: 'XX' } },
      { action: 'insert', values: { unique_id: 'M-3', name: 'Three' } },
    ]);
    const before = Date.now() / 1000;
    expect(await run(o.id)).toMatchObject({ status: 'partial', counts: { received: 3, applied: 2, failed: 1 } });
    const samples = await scrape();
    const records = { sync_object: name, direction: 'external_to_odoo', action: 'create' };
    expect(sampleOf(samples, 'synchro_records_total', { ...records, result: 'applied' })).toBe(2);
    expect(sampleOf(samples, 'synchro_records_total', { ...records, result: 'failed' })).toBe(1);
    expect(sampleOf(samples, 'synchro_run_duration_seconds_count', { sync_object: name, status: 'partial' })).toBe(1);
    expect(sampleOf(samples, 'synchro_seconds_since_last_success', { sync_object: name, step: 'receive' })).toBeGreaterThanOrEqual(0);
    expect(sampleOf(samples, 'synchro_seconds_since_last_success', { sync_object: name, step: 'confirm' })).toBeGreaterThanOrEqual(0);
    expect(sampleOf(samples, 'synchro_seconds_since_last_success', { sync_object: name, step: 'send' })).toBeUndefined();
    expect(sampleOf(samples, 'synchro_last_heartbeat_timestamp_seconds', { sync_object: name })).toBeGreaterThanOrEqual(Math.floor(before));
    expect(sampleOf(samples, 'synchro_runs_running')).toBe(0);
    expect(sampleOf(samples, 'synchro_unusually_long_runs')).toBe(0);

    // A second run: only the failed item comes back (the fake re-offers it); the counters add up.
    expect(await run(o.id)).toMatchObject({ status: 'partial', counts: { received: 1, applied: 0, failed: 1 } });
    const again = await scrape();
    expect(sampleOf(again, 'synchro_records_total', { ...records, result: 'applied' })).toBe(2);
    expect(sampleOf(again, 'synchro_records_total', { ...records, result: 'failed' })).toBe(2);
    expect(sumOf(again, 'synchro_run_duration_seconds_count', { sync_object: name })).toBe(2);
  });

  it('real-time delivery: attempts, call durations by status class, commit-to-delivery lag, queue and circuit gauges', async () => {
    const { name, wsName } = await object('MOUT', { direction: 'odoo_to_external', mode: 'realtime' });
    await t.api().post('/api/records/res.partner').send({ name: 'Sent One' }).expect(201);
    await waitFor(() => fake.sends('MOUT').length === 1, 'the delivery');
    let samples = await waitFor(async () => {
      const s = await scrape();
      return sampleOf(s, 'synchro_delivery_attempts_total', { web_service: wsName, outcome: 'sent' }) === 1 ? s : undefined;
    }, 'the delivery counted');
    expect(sampleOf(samples, 'synchro_delivery_duration_seconds_count', { web_service: wsName, status_class: '2xx' })).toBe(1);
    expect(sampleOf(samples, 'synchro_commit_to_delivery_seconds_count', { web_service: wsName })).toBe(1);
    expect(
      sampleOf(samples, 'synchro_records_total', { sync_object: name, direction: 'odoo_to_external', action: 'create', result: 'applied' }),
    ).toBe(1);
    expect(sampleOf(samples, 'synchro_seconds_since_last_success', { sync_object: name, step: 'send' })).toBeGreaterThanOrEqual(0);
    expect(sampleOf(samples, 'synchro_outbox_pending', { web_service: wsName })).toBe(0);
    expect(sampleOf(samples, 'synchro_outbox_dead', { web_service: wsName })).toBe(0);
    expect(sampleOf(samples, 'synchro_outbox_oldest_pending_age_seconds', { web_service: wsName })).toBe(0);
    expect(sampleOf(samples, 'synchro_circuit_state', { web_service: wsName })).toBe(0);

    // The external system fails: failed attempts, 5xx calls, the row waits in the queue, the circuit degrades then pauses.
    fake.setFault({ type: 'http500', code: 'MOUT' });
    await t.api().post('/api/records/res.partner').send({ name: 'Refused' }).expect(201);
    samples = await waitFor(async () => {
      const s = await scrape();
      return sampleOf(s, 'synchro_circuit_state', { web_service: wsName }) === 2 ? s : undefined;
    }, 'the circuit paused');
    expect(sampleOf(samples, 'synchro_delivery_attempts_total', { web_service: wsName, outcome: 'failed' })).toBeGreaterThanOrEqual(2);
    expect(
      sampleOf(samples, 'synchro_delivery_duration_seconds_count', { web_service: wsName, status_class: '5xx' }),
    ).toBeGreaterThanOrEqual(2);
    expect(sampleOf(samples, 'synchro_outbox_pending', { web_service: wsName })).toBe(1);
    expect(sampleOf(samples, 'synchro_outbox_oldest_pending_age_seconds', { web_service: wsName })).toBeGreaterThan(0);
    expect(
      sampleOf(samples, 'synchro_records_total', { sync_object: name, direction: 'odoo_to_external', action: 'create', result: 'failed' }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('inbound HTTP by route template and status, never the raw id', async () => {
    await t.api().get('/api/web-services/987654').expect(404);
    await t.api().get('/api/web-services/987654').expect(404);
    await t.http().get('/api/web-services').expect(401);
    const res = await t.api().get('/metrics').expect(200);
    expect(res.text).not.toContain('987654');
    const samples = parsePrometheus(res.text);
    expect(
      sampleOf(samples, 'synchro_http_request_duration_seconds_count', { route: '/api/web-services/:id', method: 'GET', status: '404' }),
    ).toBe(2);
    expect(
      sampleOf(samples, 'synchro_http_request_duration_seconds_count', { route: 'unmatched', method: 'GET', status: '401' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('a run abandoned by a stopped instance counts as a reclaimed lease', async () => {
    const { object: o } = await object('MLEASE');
    const { DataSource } = await import('typeorm');
    const ds = t.app.get(DataSource);
    const past = new Date(Date.now() - 60_000);
    const iso = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
    await ds.query(
      'INSERT INTO sync_run (sync_object_id, sync_trigger, status, started_at, received, applied, failed, confirmed, sent,' +
        ' lease_owner, lease_until, running_object_id) VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?, ?)',
      [o.id, 'cron', 'running', iso(past), 'gone-instance', iso(past), o.id],
    );
    expect(sampleOf(await scrape(), 'synchro_runs_running')).toBe(1);
    await run(o.id);
    const samples = await scrape();
    expect(sampleOf(samples, 'synchro_leases_reclaimed_total', { kind: 'run' })).toBe(1);
    expect(sampleOf(samples, 'synchro_runs_running')).toBe(0);
  });
});

describe('metrics: METRICS_PUBLIC=true and METRICS=off', () => {
  it('public: no token needed', async () => {
    const t = await startTestApp({ METRICS_PUBLIC: 'true' });
    try {
      const res = await t.http().get('/metrics').expect(200);
      expect(sampleOf(parsePrometheus(res.text), 'synchro_build_info', { version: '0.1.0' })).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('off: /metrics is not there', async () => {
    const t = await startTestApp({ METRICS: 'off' });
    try {
      const res = await t.http().get('/metrics').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).expect(404);
      expect(res.body.code).toBe('METRICS.OFF');
    } finally {
      await t.close();
    }
  });
});
