import { FakeExternalSystem } from './fake-external';
import { call, OK, post, fakeFixture } from './spec-helpers';

type Content = { content: Array<{ action: string; values: { external_id: number } }> };

describe('FakeExternalSystem — inspection API, history cap, throughput', () => {
  const fixture = fakeFixture();
  beforeEach(fixture.setup);
  afterEach(fixture.teardown);
  const fake = fixture.fake;
  const url = (path: string): string => `${fake().url}${path}`;

  it('GET /_inspect summarises each code; GET /_inspect/CODE shows records, pending and the last 100 requests', async () => {
    fake().offer('CON', 'insert', { external_id: 1, name: 'A' });
    fake().setRecord('CON', 'x-1', { name: 'X' });
    for (let i = 0; i < 105; i++) await post(url('/CON'), { limit: 0 });
    await post(url('/PRD'), { limit: 0 });
    fake().setAuth({ mode: 'basic', username: 'u', password: 'secret-pass' });
    fake().setFault({ type: 'http500', times: 3 });

    const summary = await call(url('/_inspect'), { method: 'GET' });
    expect(summary.status).toBe(200);
    expect(summary.json).toEqual({
      auth: 'basic (u)',
      fault: { type: 'http500', times: 3 },
      models: { CON: { records: 1, pending: 1, received: 105 }, PRD: { records: 0, pending: 0, received: 1 } },
    });
    expect(summary.text).not.toContain('secret-pass');

    const detail = await call(url('/_inspect/CON'), { method: 'GET' });
    const body = detail.json as { code: string; records: unknown; pending: unknown; received: Array<{ seq: number; kind: string }> };
    expect(body.code).toBe('CON');
    expect(body.records).toEqual({ 'x-1': { name: 'X' } });
    expect(body.pending).toEqual([{ action: 'insert', values: { external_id: 1, name: 'A' } }]);
    expect(body.received).toHaveLength(100);
    expect(body.received[99].seq).toBe(105); // the newest ones
    expect(body.received[0].kind).toBe('receive');
  });

  it('inspecting an unknown code answers empty and does not create it; inspection is not recorded', async () => {
    const detail = await call(url('/_inspect/NOPE'), { method: 'GET' });
    expect(detail.json).toEqual({ code: 'NOPE', records: {}, pending: [], received: [] });
    expect(fake().codes()).toEqual([]);
    expect(fake().received()).toEqual([]);
  });

  it('POST /_seed/CODE offers items; a bad batch seeds nothing', async () => {
    const items = [
      { action: 'insert', values: { external_id: 1, name: 'A' } },
      { action: 'delete', values: { external_id: 2 } },
    ];
    expect((await post(url('/_seed/CON'), { items })).json).toEqual({ ...OK, seeded: 2 });
    expect(fake().pending('CON')).toEqual(items);
    const bad = await post(url('/_seed/CON'), {
      items: [
        { action: 'insert', values: { external_id: 3 } },
        { action: 'explode', values: {} },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ status: 'failed', error_message: expect.stringContaining('items[1]') });
    expect(fake().pending('CON')).toHaveLength(2);
    expect((await post(url('/_seed/CON'), { nope: 1 })).status).toBe(400);
  });

  it('POST/DELETE /_fault switch faults; POST /_reset drops data and faults but keeps auth', async () => {
    expect((await post(url('/_fault'), { type: 'status_failed', kind: 'receive' })).status).toBe(200);
    expect((await post(url('/CON'), { limit: 0 })).json).toEqual({ status: 'failed', error_message: 'simulated failure' });
    expect((await call(url('/_fault'), { method: 'DELETE' })).json).toEqual(OK);
    expect((await post(url('/CON'), { limit: 0 })).status).toBe(200);
    expect((await post(url('/_fault'), { type: 'nope' })).status).toBe(400);

    fake().offer('CON', 'insert', { external_id: 1 });
    fake().setFault({ type: 'http500' });
    fake().setAuth({ mode: 'api_key', key: 'K' });
    expect((await post(url('/_reset'), {})).json).toEqual(OK);
    expect(fake().pending('CON')).toEqual([]);
    expect(fake().received()).toEqual([]);
    expect(fake().fault).toBeNull();
    expect((await post(url('/CON'), { limit: 0 })).status).toBe(401);
    expect((await call(url('/_nothing'), { method: 'GET' })).status).toBe(404);
  });

  it('caps the history at maxRecorded (keeps at least the newest maxRecorded)', async () => {
    const small = new FakeExternalSystem({ maxRecorded: 3 });
    await small.start();
    try {
      for (let i = 0; i < 7; i++) await post(small.urlFor('CON'), { limit: i });
      const kept = small.received('CON').map((r) => (r.body as { limit: number }).limit);
      expect(kept.length).toBeGreaterThanOrEqual(3);
      expect(kept.length).toBeLessThanOrEqual(6);
      expect(kept.slice(-3)).toEqual([4, 5, 6]);
    } finally {
      await small.stop();
    }
  });

  it('serves 100,000 offered records in batches of 1,000 with confirmations, each exactly once', async () => {
    const total = 100_000;
    const t0 = Date.now();
    for (let id = 1; id <= total; id++) fake().offer('BIG', 'insert', { external_id: id, name: `Contact ${id}` });
    const seen: number[] = [];
    for (;;) {
      const reply = await post(url('/BIG'), { limit: 1000 });
      const content = (reply.json as Content).content;
      if (content.length === 0) break;
      expect(content.length).toBeLessThanOrEqual(1000);
      for (const item of content) seen.push(item.values.external_id);
      const confirm = content.map((item) => ({ status: 'success', error_message: false, external_id: item.values.external_id }));
      await post(url('/BIG'), { status: 'success', error_message: false, content: confirm });
    }
    expect(seen).toHaveLength(total);
    expect(seen.every((id, i) => id === i + 1)).toBe(true);
    expect(fake().pending('BIG')).toEqual([]);
    // Generous bound: catches quadratic queue handling (array splices), not machine speed.
    expect(Date.now() - t0).toBeLessThan(20_000);
  }, 60_000);
});
