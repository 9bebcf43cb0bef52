/* eslint-disable @typescript-eslint/no-explicit-any --
   bench harness: drivers and src modules loaded lazily, IPC and JSON answers untyped */
/**
 * A small closed-loop HTTP load generator: `connections` workers, each with its
 * own keep-alive socket, send requests back to back for `durationMs` and record
 * every latency. Loopback only; no dependencies (node:http).
 */
import * as http from 'node:http';
import { nowMs, percentiles } from './stats';

export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationMs: number;
  /** Stop after this many requests (durationMs still bounds the run). */
  total?: number;
  /** Called when the answer to request n has fully arrived. */
  onResponse?: (n: number, status: number, at: number) => void;
  /** Builds the n-th request (n counts across all workers). */
  request: (n: number) => LoadRequest;
  /** Status codes counted as success (default 200..299). */
  ok?: (status: number) => boolean;
  /** A request without a complete answer after this long counts as an error "ERR timeout" (default 10 s). */
  timeoutMs?: number;
  /** Stop issuing requests when nothing succeeded for this long (a hung server; default 20 s). */
  stallMs?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Non-2xx answers by status, and transport errors as "ERR <code>". */
  errorKinds: Record<string, number>;
  durationMs: number;
  rps: number;
  p50: number;
  p99: number;
  /** First error body seen, to explain failures. */
  sampleError?: string;
  /** The run stopped early: nothing succeeded for stallMs. */
  stalled: boolean;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  const ok = options.ok ?? ((status: number) => status >= 200 && status < 300);
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  let sampleError: string | undefined;
  let counter = 0;
  let errors = 0;
  const started = nowMs();
  let lastOk = started;
  let stalled = false;
  const deadline = started + options.durationMs;

  const once = (n: number, spec: LoadRequest): Promise<void> =>
    new Promise((resolve) => {
      const t0 = nowMs();
      const headers: Record<string, string | number> = { ...spec.headers };
      if (spec.body !== undefined) headers['content-length'] = Buffer.byteLength(spec.body);
      const req = http.request(
        { host: target.hostname, port: target.port, method: spec.method, path: spec.path, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const t1 = nowMs();
            options.onResponse?.(n, status, t1);
            if (ok(status)) {
              latencies.push(t1 - t0);
              lastOk = t1;
            } else {
              errors++;
              errorKinds[String(status)] = (errorKinds[String(status)] ?? 0) + 1;
              sampleError ??= `${status} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`;
            }
            resolve();
          });
        },
      );
      req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
      req.on('error', (error: NodeJS.ErrnoException) => {
        errors++;
        const kind = `ERR ${error.code ?? error.message}`;
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
        sampleError ??= kind;
        resolve();
      });
      req.end(spec.body);
    });

  const worker = async (): Promise<void> => {
    while (nowMs() < deadline && (options.total === undefined || counter < options.total)) {
      if (nowMs() - lastOk > (options.stallMs ?? 20_000)) {
        stalled = true;
        break;
      }
      const n = counter++;
      await once(n, options.request(n));
    }
  };
  const debug = process.env.BENCH_DEBUG
    ? setInterval(() => process.stdout.write(`  [load] issued ${counter} ok ${latencies.length} errors ${errors}\n`), 1000)
    : undefined;
  await Promise.all(Array.from({ length: options.connections }, worker));
  if (debug) clearInterval(debug);
  const durationMs = nowMs() - started;
  agent.destroy();
  const [p50, p99] = percentiles(latencies, [50, 99]);
  return {
    requests: latencies.length,
    errors,
    errorKinds,
    durationMs,
    rps: (latencies.length / durationMs) * 1000,
    p50,
    p99,
    sampleError,
    stalled,
  };
}

/** POST a JSON body and parse the JSON answer (admin calls, not measured). */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
