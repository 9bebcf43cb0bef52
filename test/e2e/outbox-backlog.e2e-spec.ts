import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * A backlog is delivered by several batches in flight at once (dispatcher lanes);
 * OUTBOX_CONCURRENCY must still bound the sends in flight across all of them.
 */
describe('outbox backlog delivery', () => {
  const CONCURRENCY = 3;
  let t: TestApp;
  let f: Factory;
  let receiver: Server;
  let url: string;
  let inFlight = 0;
  let peak = 0;
  const received: string[] = [];

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  beforeAll(async () => {
    // A slow receiver, so that a backlog builds up and every send slot is busy.
    receiver = createServer(async (req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      const body = JSON.parse(await readBody(req)) as { values: { name: string } };
      setTimeout(() => {
        received.push(body.values.name);
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', error_message: '' }));
      }, 15);
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/send`;
    t = await startTestApp({ OUTBOX_CONCURRENCY: String(CONCURRENCY), OUTBOX_POLL_MS: '50' });
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('delivers every record once, never more than OUTBOX_CONCURRENCY sends at a time', async () => {
    const ws = await f.webService({ url, shippingUrl: url });
    await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: ws.id });
    const names = Array.from({ length: 90 }, (_, i) => `Backlog ${i}`);
    for (let i = 0; i < names.length; i += 30) {
      await Promise.all(names.slice(i, i + 30).map((name) => t.api().post('/api/records/res.partner').send({ name }).expect(201)));
    }
    await waitFor(() => received.length >= names.length, 'every delivery', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...received].sort()).toEqual([...names].sort());
    expect(peak).toBe(CONCURRENCY);
  });
});
