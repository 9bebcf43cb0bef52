import { FakeExternalSystem } from './fake-external';
import { call, OK, post, fakeFixture } from './spec-helpers';

describe('FakeExternalSystem — Via Cron protocol over HTTP', () => {
  const fixture = fakeFixture();
  beforeEach(fixture.setup);
  afterEach(fixture.teardown);
  const fake = fixture.fake;
  const url = (path: string): string => `${fake().url}${path}`;

  describe('lifecycle', () => {
    it('starts on a free port and reports its URL', async () => {
      const other = new FakeExternalSystem();
      const { url: base, port } = await other.start();
      expect(port).toBeGreaterThan(0);
      expect(base).toBe(`http://127.0.0.1:${port}`);
      expect(other.urlFor('CON')).toBe(`${base}/CON`);
      expect(other.urlFor('CON', 'send')).toBe(`${base}/CON/send`);
      await expect(other.start()).rejects.toThrow(/already started/);
      await other.stop();
      await other.stop(); // idempotent
      await expect(fetch(`${base}/CON`, { method: 'POST', body: '{"limit":0}' })).rejects.toThrow();
      expect(() => other.url).toThrow(/not started/);
    });
  });

  describe('receive', () => {
    it('answers limit 0 with an empty success (connectivity test)', async () => {
      fake().offer('CON', 'insert', { external_id: 1, name: 'Contact 1' });
      const reply = await post(url('/CON'), { limit: 0 });
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ ...OK, content: [] });
    });

    it('returns at most limit offered items, in offer order, until confirmed', async () => {
      fake().seed('CON', [
        { action: 'insert', values: { external_id: 1, name: 'Contact 1' } },
        { action: 'update', values: { external_id: 2, name: 'Contact 2' } },
        { action: 'delete', values: { external_id: 3 } },
      ]);
      const first = await post(url('/CON'), { limit: 2 });
      expect(first.json).toEqual({
        ...OK,
        content: [
          { action: 'insert', values: { external_id: 1, name: 'Contact 1' } },
          { action: 'update', values: { external_id: 2, name: 'Contact 2' } },
        ],
      });
      const again = await post(url('/CON'), { limit: 10 });
      expect((again.json as { content: unknown[] }).content).toHaveLength(3);
      expect((again.json as { content: unknown[] }).content[2]).toEqual({ action: 'delete', values: { external_id: 3 } });
      expect(fake().pending('CON')).toHaveLength(3);
    });

    it('replaces an offer for an id already pending in place (latest change wins)', async () => {
      fake().offer('CON', 'insert', { external_id: 1, name: 'old' });
      fake().offer('CON', 'insert', { external_id: 2, name: 'two' });
      fake().offer('CON', 'update', { external_id: '1', name: 'new' });
      expect(fake().pending('CON')).toEqual([
        { action: 'update', values: { external_id: '1', name: 'new' } },
        { action: 'insert', values: { external_id: 2, name: 'two' } },
      ]);
    });

    it('gives an insert without id a fresh numeric id and refuses update/delete without one', () => {
      fake().setRecord('CON', 7, { name: 'seven' });
      expect(fake().offer('CON', 'insert', { name: 'x' }).values).toEqual({ name: 'x', external_id: 8 });
      expect(() => fake().offer('CON', 'delete', { name: 'x' })).toThrow(/external_id/);
      expect(() =>
        fake().seed('CON', [
          { action: 'insert', values: {} },
          { action: 'update', values: {} },
        ]),
      ).toThrow(/items\[1\]/);
      expect(fake().pending('CON')).toHaveLength(1); // the bad batch added nothing
    });

    it('keeps codes apart', async () => {
      fake().offer('CON', 'insert', { external_id: 1 });
      const reply = await post(url('/PRD'), { limit: 5 });
      expect(reply.json).toEqual({ ...OK, content: [] });
    });
  });

  describe('confirmation', () => {
    it('removes items confirmed as success, keeps failed ones, compares ids as strings', async () => {
      fake().seed(
        'CON',
        [1, 2, 3, 4].map((id) => ({ action: 'insert' as const, values: { external_id: id } })),
      );
      const reply = await post(url('/CON'), {
        status: 'success',
        error_message: false,
        content: [
          { status: 'success', error_message: false, external_id: '1' },
          { status: 'failed', error_message: 'Failed reason', external_id: 2 },
          { status: 'success', error_message: false, external_id: 3 },
          { status: 'success', error_message: false, external_id: 99 },
        ],
      });
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual(OK);
      expect(
        fake()
          .pending('CON')
          .map((i) => i.values.external_id),
      ).toEqual([2, 4]);
      const next = await post(url('/CON'), { limit: 1 });
      expect((next.json as { content: Array<{ values: unknown }> }).content[0].values).toEqual({ external_id: 2 });
      expect(fake().confirmations('CON')).toHaveLength(1);
    });

    it('refuses malformed confirmations without applying any item', async () => {
      fake().offer('CON', 'insert', { external_id: 1 });
      const reply = await post(url('/CON'), { content: [{ status: 'success', external_id: 1 }, { status: 'success' }] });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ status: 'failed', error_message: expect.stringContaining('content[1].external_id') });
      expect(fake().pending('CON')).toHaveLength(1);
    });
  });

  describe('send', () => {
    it('applies create, update and delete to the record store', async () => {
      expect((await post(url('/CON'), { action: 'create', values: { name: 'A', city: 'X' }, external_id: 5 })).json).toEqual(OK);
      expect((await post(url('/CON'), { action: 'update', values: { name: 'B' }, external_id: '5' })).json).toEqual(OK);
      expect(fake().records('CON')).toEqual(new Map([['5', { name: 'B', city: 'X' }]]));
      expect(fake().record('CON', 5)).toEqual({ name: 'B', city: 'X' });
      expect((await post(url('/CON'), { action: 'delete', external_id: 5 })).json).toEqual(OK);
      expect(fake().records('CON').size).toBe(0);
      expect((await post(url('/CON'), { action: 'delete', values: {}, external_id: 404 })).json).toEqual(OK);
    });

    it('assigns an external id to a create without one and answers it', async () => {
      fake().setRecord('CON', '41', { name: 'existing' });
      const first = await post(url('/CON'), { action: 'create', values: { name: 'A' }, external_id: null });
      const second = await post(url('/CON'), { action: 'create', values: { name: 'B' } });
      expect(first.json).toEqual({ ...OK, external_id: 42 });
      expect(second.json).toEqual({ ...OK, external_id: 43 });
      expect(fake().record('CON', 42)).toEqual({ name: 'A' });
    });

    it('records every send with its headers and applies an Idempotency-Key only once', async () => {
      const body = { action: 'create', values: { name: 'A' }, external_id: null };
      const first = await post(url('/CON'), body, { 'Idempotency-Key': 'k-1' });
      const again = await post(url('/CON'), body, { 'Idempotency-Key': 'k-1' });
      expect(again.json).toEqual(first.json);
      expect(fake().records('CON').size).toBe(1);
      const sends = fake().sends('CON');
      expect(sends).toHaveLength(2);
      expect(sends[0]).toMatchObject({ kind: 'send', path: '/CON', body, duplicate: false, status: 200 });
      expect(sends[0].headers['idempotency-key']).toBe('k-1');
      expect(sends[1].duplicate).toBe(true);
      await post(url('/CON'), body, { 'Idempotency-Key': 'k-2' });
      expect(fake().records('CON').size).toBe(2);
    });

    it('refuses sends it cannot apply', async () => {
      for (const body of [
        { action: 'upsert', values: {}, external_id: 1 },
        { action: 'update', values: { name: 'x' }, external_id: null },
        { action: 'create', values: 'nope', external_id: null },
      ]) {
        const reply = await post(url('/CON'), body);
        expect(reply.status).toBe(400);
        expect(reply.json).toMatchObject({ status: 'failed', error_message: expect.any(String) });
      }
      expect(fake().records('CON').size).toBe(0);
    });
  });

  describe('routing and bad requests', () => {
    it('serves separate receive, confirm and send URLs', async () => {
      fake().offer('CON', 'insert', { external_id: 1 });
      expect((await post(url('/CON/receive'), { limit: 5 })).json).toEqual({
        ...OK,
        content: [{ action: 'insert', values: { external_id: 1 } }],
      });
      expect((await post(url('/CON/confirm'), { content: [{ status: 'success', external_id: 1 }] })).json).toEqual(OK);
      expect(fake().pending('CON')).toEqual([]);
      expect((await post(url('/CON/send'), { action: 'create', values: { name: 'A' }, external_id: 1 })).json).toEqual(OK);
      expect(
        fake()
          .received('CON')
          .map((r) => r.kind),
      ).toEqual(['receive', 'confirm', 'send']);
      expect((await post(url('/CON/send'), { limit: 5 })).status).toBe(400);
    });

    it.each([
      ['an unknown shape', JSON.stringify({ hello: 1 }), 'unknown'],
      ['a non-JSON body', 'limit=5', 'unknown'],
      ['an empty body', '', 'unknown'],
      ['a JSON array', '[1]', 'unknown'],
      ['a bad limit', JSON.stringify({ limit: -1 }), 'receive'],
    ])('answers 400 with an envelope to %s', async (_label, raw, kind) => {
      const reply = await call(url('/CON'), { raw });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ status: 'failed', error_message: expect.any(String) });
      expect(fake().received('CON')).toMatchObject([{ kind, status: 400 }]);
    });

    it('answers 405 to non-POST, 404 to unknown paths, 413 to bodies over 5 MB', async () => {
      expect((await call(url('/CON'), { method: 'GET' })).status).toBe(405);
      expect((await post(url('/CON/other'), { limit: 1 })).status).toBe(404);
      expect((await post(url('/'), { limit: 1 })).status).toBe(404);
      const big = await call(url('/CON'), { raw: JSON.stringify({ action: 'create', values: { blob: 'x'.repeat(5 * 1024 * 1024) } }) });
      expect(big.status).toBe(413);
      expect(big.json).toEqual({ status: 'failed', error_message: expect.stringContaining('larger') });
      expect(fake().records('CON').size).toBe(0);
    });
  });

  describe('history and reset', () => {
    it('records every request with time, path, kind, body and headers', async () => {
      const before = Date.now();
      await post(url('/CON'), { limit: 1 }, { 'X-Trace': 't1' });
      await post(url('/PRD/send'), { action: 'delete', external_id: 1 });
      const all = fake().received();
      expect(all.map((r) => [r.path, r.code, r.kind])).toEqual([
        ['/CON', 'CON', 'receive'],
        ['/PRD/send', 'PRD', 'send'],
      ]);
      expect(all[0].at).toBeInstanceOf(Date);
      expect(all[0].at.getTime()).toBeGreaterThanOrEqual(before);
      expect(all[0].body).toEqual({ limit: 1 });
      expect(all[0].headers['x-trace']).toBe('t1');
      expect(fake().receives('CON')).toHaveLength(1);
      expect(fake().received('PRD')).toHaveLength(1);
      expect(fake().codes().sort()).toEqual(['CON', 'PRD']);
    });

    it('clear() drops data but keeps auth and faults; reset() drops those too', async () => {
      fake().offer('CON', 'insert', { external_id: 1 });
      fake().setRecord('CON', 1, { name: 'A' });
      await post(url('/CON'), { limit: 1 });
      fake().setAuth({ mode: 'api_key', key: 'K' });
      fake().setFault({ type: 'http500' });
      fake().clear();
      expect([fake().pending('CON'), fake().records('CON').size, fake().received()]).toEqual([[], 0, []]);
      expect((await post(url('/CON'), { limit: 0 })).status).toBe(401);
      expect((await post(url('/CON'), { limit: 0 }, { api_key: 'K' })).status).toBe(500);
      fake().reset();
      expect(fake().fault).toBeNull();
      expect((await post(url('/CON'), { limit: 0 })).status).toBe(200);
      expect(fake().received()).toHaveLength(1);
    });
  });
});
