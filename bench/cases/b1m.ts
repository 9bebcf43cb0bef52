/**
 * B1M: what Prometheus metrics cost on B1's path. Two fresh Synchro processes on the
 * same database, identical but for METRICS=on / METRICS=off, take B1's load in
 * alternating rounds (order flips each round, so a growing table and a warming JIT
 * weigh on both alike); the medians are compared. Issue 13: within 5 %.
 */
import { Context, measurement } from '../lib/context';
import { startChild } from '../lib/proc';
import { median, round } from '../lib/stats';
import { createRequest, loadRound } from './b1';

const CODE = 'CONM';
type Side = 'on' | 'off';

export async function b1m(ctx: Context): Promise<void> {
  const { options } = ctx;
  const object = await ctx.admin.contactObject(CODE, { direction: 'external_to_odoo', mode: 'realtime' });
  const start = (metrics: Side) =>
    startChild(
      `synchro-metrics-${metrics}`,
      ctx.script('synchro'),
      { ...ctx.env(), METRICS: metrics },
      { nodeArgs: options.synchroNodeArgs },
    );
  const on = await start('on');
  // The first process is stopped even when the second cannot start.
  const off = await start('off').catch(async (error: unknown) => {
    await on.stop();
    throw error;
  });
  const servers = { on, off };
  const durationMs = options.quick ? 3_000 : 10_000;
  const warmMs = options.quick ? 1_000 : 10_000;
  // Twice B1's rounds: the difference looked for (a few %) is smaller than B1's round-to-round spread.
  const rounds = Math.max(2, options.rounds * 2);
  const rps: Record<Side, number[]> = { on: [], off: [] };
  const cpu: Record<Side, number[]> = { on: [], off: [] };
  let errors = 0;
  try {
    ctx.log(`B1M: warm-up ${warmMs} ms each, then ${rounds} rounds per side`);
    for (const side of ['on', 'off'] as const) await loadRound(servers[side], createRequest(`m${side}w`, CODE), warmMs);
    for (let r = 0; r < rounds; r++) {
      for (const side of r % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
        const { result, cpuUsPerRequest } = await loadRound(servers[side], createRequest(`m${side}${r}`, CODE), durationMs);
        errors += result.errors;
        rps[side].push(result.rps);
        if (result.requests) cpu[side].push(cpuUsPerRequest);
        ctx.log(
          `  B1M round ${r + 1} metrics ${side.padEnd(3)} ${round(result.rps)} req/s  ${round(cpuUsPerRequest)} µs CPU/req` +
            `  (${result.requests} ok, ${result.errors} errors)`,
        );
      }
    }
  } finally {
    await Promise.all([servers.on.stop(), servers.off.stop()]);
    await ctx.admin.deactivate(object.id).catch(() => undefined);
  }
  const note = 'project = METRICS=on, baseline = METRICS=off; two processes, same database' + (errors ? `; ${errors} failed requests` : '');
  const shown = (values: number[]) => values.map((v) => round(v, 1));
  ctx.report(
    measurement({
      id: 'B1M.rps',
      name: 'B1M B1 throughput with metrics on vs off (within 5 %)',
      unit: 'req/s',
      project: median(rps.on),
      baseline: median(rps.off),
      target: 0.95,
      higherIsBetter: true,
      rounds: { project: shown(rps.on), baseline: shown(rps.off) },
      note,
    }),
  );
  ctx.report(
    measurement({
      id: 'B1M.cpu',
      name: 'B1M CPU time per request with metrics on vs off (within 5 %)',
      unit: 'µs',
      project: median(cpu.on),
      baseline: median(cpu.off),
      target: 1.05,
      higherIsBetter: false,
      rounds: { project: shown(cpu.on), baseline: shown(cpu.off) },
      note,
    }),
  );
}
