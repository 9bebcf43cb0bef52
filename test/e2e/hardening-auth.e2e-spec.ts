/**
 * Issue 16 points 2 and 4 (keys limited to codes): credentials are checked before a body is
 * read, slow clients are cut off, and an API key may be limited to some sync-model codes.
 * Slow clients are raw sockets, so nothing between the test and the server buffers for us.
 */
import net from 'node:net';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const KEY = 'HARDEN-AUTH-KEY-0123456789ABCDEF';

/** Opens a socket, writes `head` (and optionally a few body bytes), and collects what comes back. */
function rawClient(url: string) {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('close', () => (closed = true));
  socket.on('error', () => (closed = true));
  return {
    write: (text: string) => socket.write(text),
    received: () => received,
    closed: () => closed,
    destroy: () => socket.destroy(),
    /** Resolves when `predicate` holds, or with false after `ms`. */
    until: async (predicate: () => boolean, ms: number): Promise<boolean> => {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        if (predicate()) return true;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return predicate();
    },
  };
}

const MB = 1024 * 1024;

describe('hardening: authentication before the body, slow clients', () => {
  let t: TestApp;
  let code: string;
  let other: string;

  beforeAll(async () => {
    t = await startTestApp({ REQUEST_TIMEOUT_MS: '1500', HEADERS_TIMEOUT_MS: '1000' });
    const f = new Factory(t);
    await f.apiKey(KEY);
    const syncModel = await f.syncModel();
    code = syncModel.code;
    const ws = await f.webService();
    await f.contactObject({ syncModelId: syncModel.id, webServiceId: ws.id });
    const otherModel = await f.syncModel();
    other = otherModel.code;
    await f.contactObject({ syncModelId: otherModel.id, webServiceId: ws.id, odooModel: 'res.partner' });
  });
  afterAll(() => t.close());

  it.each([
    ['/sync without api_key', (c: string) => `POST /sync/${c}/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`],
    ['/sync with a bad api_key', (c: string) => `POST /sync/${c}/create HTTP/1.1\r\nHost: x\r\napi_key: nope-nope-nope\r\n`],
    ['/api without a token', () => `POST /api/records/res.partner HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`],
    ['/api with a bad token', () => `PUT /api/settings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong-token-wrong-token\r\n`],
  ])('%s: 401 before the body is read, and the connection is closed', async (_label, head) => {
    const client = rawClient(t.url);
    client.write(`${head(code)}Content-Length: ${MB}\r\n\r\n{"name": "`);
    // Only 10 of 1,048,576 body bytes were sent: an answer now means the body was not waited for.
    expect(await client.until(() => client.received().includes('\r\n\r\n'), 5000)).toBe(true);
    expect(client.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(client.received().toLowerCase()).toContain('connection: close');
    expect(await client.until(client.closed, 5000)).toBe(true);
    client.destroy();
  });

  it('the /sync 401 is the seed envelope', async () => {
    const res = await t.http().post(`/sync/${code}/create`).send({ name: 'x', unique_id: 'A-1' }).expect(401);
    expect(res.body).toEqual({ jsonrpc: '2.0', id: null, result: { status: 'failed', error_message: 'missing api_key header' } });
  });

  it('an authenticated body sent too slowly is cut off at REQUEST_TIMEOUT_MS', async () => {
    const client = rawClient(t.url);
    client.write(
      `POST /sync/${code}/create HTTP/1.1\r\nHost: x\r\napi_key: ${KEY}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"na',
    );
    expect(await client.until(client.closed, 10_000)).toBe(true);
    expect(client.received()).toMatch(/^(HTTP\/1\.1 408 |$)/);
    client.destroy();
  });

  it('headers that never end are cut off at HEADERS_TIMEOUT_MS', async () => {
    const client = rawClient(t.url);
    client.write(`GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: a`);
    expect(await client.until(client.closed, 10_000)).toBe(true);
    client.destroy();
  });

  describe('4 - API keys limited to codes', () => {
    it('a key limited to one code may call it, and is refused (403, envelope) elsewhere', async () => {
      const created = await t
        .api()
        .post('/api/settings/api-keys')
        .send({ name: 'CON only', syncModelCodes: [code] })
        .expect(201);
      expect(created.body.syncModelCodes).toEqual([code]);
      const limited = created.body.key;
      await t.http().post(`/sync/${code}/create`).set('api_key', limited).send({ name: 'Allowed', unique_id: 'L-1' }).expect(200);
      const refused = await t
        .http()
        .post(`/sync/${other}/create`)
        .set('api_key', limited)
        .send({ name: 'Refused', unique_id: 'L-2' })
        .expect(403);
      expect(refused.body).toEqual({
        jsonrpc: '2.0',
        id: null,
        result: { status: 'failed', error_message: `this api_key may not call code ${other}` },
      });
      const written = await t.api().get('/api/records/res.partner').query({ domain: "[('x_sys_id', '=', 'L-2')]" }).expect(200);
      expect(written.body.total).toBe(0);
      const listed = (await t.api().get('/api/settings/api-keys').expect(200)).body;
      expect(listed.find((k: { id: number }) => k.id === created.body.id).syncModelCodes).toEqual([code]);
    });

    it('a key without a list may call every code (the seed)', async () => {
      const listed = (await t.api().get('/api/settings/api-keys').expect(200)).body;
      expect(listed[0].syncModelCodes).toBeNull();
      await t.http().post(`/sync/${other}/create`).set('api_key', KEY).send({ name: 'Any', unique_id: 'L-3' }).expect(200);
    });

    it.each([[[]], [['']], ['CON'], [[1]]])('syncModelCodes %j is a 400 naming it', async (codes) => {
      const res = await t.api().post('/api/settings/api-keys').send({ name: 'bad', syncModelCodes: codes }).expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'syncModelCodes' })]));
    });
  });
});
