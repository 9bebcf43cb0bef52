/**
 * B1 inbound real time: POST /sync/CON/create with distinct external ids, 32
 * connections, 10 s rounds, against a bare node:http + mysql2/better-sqlite3
 * server doing the same durable work. Rounds alternate (order flips each round);
 * the median counts.
 */
import { API_KEY, COUNTRIES } from '../lib/admin';
import { Context, measurement } from '../lib/context';
import { LoadResult, runLoad } from '../lib/load';
import { Child, cpuMsOf, startChild } from '../lib/proc';
import { median, round } from '../lib/stats';

const CONNECTIONS = 32;

export function createRequest(prefix: string, code = 'CON') {
  return (n: number) => {
    const id = `${prefix}-${n}`;
    return {
      method: 'POST',
      path: `/sync/${code}/create`,
      headers: { 'content-type': 'application/json', api_key: API_KEY },
      body: JSON.stringify({ name: `Contact ${id}`, unique_id: id, country: COUNTRIES[n % COUNTRIES.length][1] }),
    };
  };
}

export async function b1(ctx: Context): Promise<void> {
  const { options } = ctx;
  const object = await ctx.admin.contactObject('CON', { direction: 'external_to_odoo', mode: 'realtime' });
  const baseline = await startChild('b1-baseline', ctx.script('b1-baseline'), {
    ...baselineDbEnv(ctx),
    API_KEY,
    SYNC_OBJECT_ID: String(object.id),
  });
  const durationMs = options.quick ? 3_000 : 10_000;
  // Both sides warm up alike; Synchro has far more code for the JIT to optimize than the bare server,
  // and 3 s left its first round measurably slower than its later ones.
  const warmMs = options.quick ? 1_000 : 10_000;
  const project: LoadResult[] = [];
  const base: LoadResult[] = [];
  // CPU time of the serving process per answered request: unlike req/s, it hardly moves when other work shares
  // the machine, so it compares Synchro with the baseline (and one commit with another) on a loaded machine too.
  const cpuUs: Record<'project' | 'baseline', number[]> = { project: [], baseline: [] };
  const run = async (side: 'project' | 'baseline', prefix: string, ms: number) => {
    // A round starts from a healthy Synchro: one that hung in the previous round is restarted (and that is reported).
    if (side === 'project' && !(await ctx.isHealthy())) await ctx.restart(`B1: Synchro hung under load before round ${prefix}`);
    const { result, cpuUsPerRequest } = await loadRound(side === 'project' ? ctx.synchro : baseline, createRequest(prefix), ms);
    if (result.requests) cpuUs[side].push(cpuUsPerRequest);
    if (result.errors)
      ctx.log(
        `  B1 ${side} ${prefix}: ${result.errors} errors ${JSON.stringify(result.errorKinds)} e.g. ${result.sampleError}` +
          (result.stalled ? ' — STALLED (no answer for 20 s)' : ''),
      );
    return result;
  };
  try {
    ctx.log(`B1: warm-up ${warmMs} ms each`);
    await run('project', 'pw', warmMs);
    await run('baseline', 'bw', warmMs);
    for (let r = 0; r < options.rounds; r++) {
      const order: ('project' | 'baseline')[] = r % 2 === 0 ? ['project', 'baseline'] : ['baseline', 'project'];
      for (const side of order) {
        const result = await run(side, `${side[0]}${r}`, durationMs);
        (side === 'project' ? project : base).push(result);
        ctx.log(
          `  B1 round ${r + 1} ${side.padEnd(8)} ${round(result.rps)} req/s  ${round(cpuUs[side].at(-1) ?? NaN)} µs CPU/req` +
            `  p50 ${round(result.p50, 2)} ms  p99 ${round(result.p99, 2)} ms  (${result.requests} ok, ${result.errors} errors)`,
        );
      }
    }
  } finally {
    await baseline.stop();
    if (!(await ctx.isHealthy())) await ctx.restart('B1: Synchro hung in the last round');
    await ctx.admin.deactivate(object.id).catch(() => undefined);
  }
  const errors = project.reduce((s, r) => s + r.errors, 0);
  const stalls = project.filter((r) => r.stalled).length;
  const rounds = (pick: (r: LoadResult) => number) => ({
    project: project.map(pick).map((v) => round(v, 2)),
    baseline: base.map(pick).map((v) => round(v, 2)),
  });
  ctx.report(
    measurement({
      id: 'B1.rps',
      name: `B1 inbound real time: POST /sync/CON/create, ${CONNECTIONS} connections, ${durationMs / 1000} s rounds`,
      unit: 'req/s',
      project: median(project.map((r) => r.rps)),
      baseline: median(base.map((r) => r.rps)),
      target: 0.6,
      higherIsBetter: true,
      rounds: rounds((r) => r.rps),
      note:
        [
          errors
            ? `${errors} failed requests (timeouts/non-2xx) from Synchro` +
              (stalls ? `; Synchro hung (no answer for 20 s) in ${stalls} of ${project.length} rounds` : '')
            : '',
          // The issue defines B1 against a node:http + mysql2 server; on SQLite the baseline runs every
          // statement synchronously in its own process, so the ratio shows the HTTP stack's share.
          ctx.db.kind === 'sqlite'
            ? 'target defined against mysql2 (the MariaDB run); ' +
              'here the baseline is in-process better-sqlite3, no database round trips at all'
            : '',
        ]
          .filter(Boolean)
          .join('; ') || undefined,
    }),
  );
  ctx.report(
    measurement({
      id: 'B1.cpu',
      name: 'B1 CPU time of the serving process per request (user + system; the database server not included)',
      unit: 'µs',
      project: median(cpuUs.project),
      baseline: median(cpuUs.baseline),
      target: null,
      higherIsBetter: false,
      rounds: { project: cpuUs.project.map((v) => round(v)), baseline: cpuUs.baseline.map((v) => round(v)) },
    }),
  );
  ctx.report(
    measurement({
      id: 'B1.p50',
      name: 'B1 latency p50',
      unit: 'ms',
      project: median(project.map((r) => r.p50)),
      baseline: median(base.map((r) => r.p50)),
      target: null,
      higherIsBetter: false,
      rounds: rounds((r) => r.p50),
    }),
  );
  ctx.report(
    measurement({
      id: 'B1.p99',
      name: 'B1 latency p99',
      unit: 'ms',
      project: median(project.map((r) => r.p99)),
      baseline: median(base.map((r) => r.p99)),
      target: null,
      higherIsBetter: false,
      rounds: rounds((r) => r.p99),
    }),
  );
}

/** One B1 load round against `server`, with the server's CPU time per answered request. */
export async function loadRound(
  server: Child,
  request: ReturnType<typeof createRequest>,
  ms: number,
): Promise<{ result: LoadResult; cpuUsPerRequest: number }> {
  const cpuBefore = cpuMsOf(server.pid);
  const result = await runLoad({ url: server.url, connections: CONNECTIONS, durationMs: ms, request });
  return { result, cpuUsPerRequest: result.requests ? ((cpuMsOf(server.pid) - cpuBefore) * 1000) / result.requests : NaN };
}

export function baselineDbEnv(ctx: Context): Record<string, string> {
  const { db } = ctx;
  if (db.kind === 'sqlite') return { BASE_DB: 'sqlite', SQLITE_PATH: db.sqlitePath! };
  const m = db.mysql!;
  return {
    BASE_DB: 'mysql',
    MYSQL_HOST: m.host,
    MYSQL_PORT: String(m.port),
    MYSQL_USER: m.user,
    MYSQL_PASSWORD: m.password,
    MYSQL_DATABASE: m.database,
  };
}
