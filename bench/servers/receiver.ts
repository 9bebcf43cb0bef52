/* eslint-disable @typescript-eslint/no-explicit-any --
   bench harness: drivers and src modules loaded lazily, IPC and JSON answers untyped */
/**
 * B3 receiver: the external system's shipping URL for outbound deliveries. Answers
 * the seed's success envelope (with an external id for a create, as an external
 * system assigning ids does) and records, per record, when the delivery arrived.
 *
 * IPC: {cmd: 'reset'}, {cmd: 'count'}, {cmd: 'collect'} → {tokens: string[], at: number[]}.
 */
import * as http from 'node:http';

const tokens: string[] = [];
const at: number[] = [];
let created = 0;
const now = () => performance.timeOrigin + performance.now();

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const t = now();
    let body: { action?: string; values?: { name?: string }; external_id?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"status":"failed","error_message":"not JSON"}');
      return;
    }
    tokens.push(String(body.values?.name ?? ''));
    at.push(t);
    const externalId = body.external_id ?? (body.action === 'create' ? `R-${++created}` : null);
    const text = JSON.stringify({ status: 'success', error_message: false, external_id: externalId });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
});
server.keepAliveTimeout = 60_000;

process.on('message', (message: any) => {
  let result: unknown;
  if (message.cmd === 'reset') {
    tokens.length = 0;
    at.length = 0;
    result = true;
  } else if (message.cmd === 'count') result = tokens.length;
  else if (message.cmd === 'collect') result = { tokens, at };
  process.send!({ type: 'answer', id: message.id, result });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}` });
});
// The bench harness died: do not linger.
process.on('disconnect', () => process.exit(0));
