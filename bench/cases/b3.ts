/**
 * B3 outbound real time. Local writes (records API) → outbox → dispatcher → a
 * local receiver (the shipping URL).
 *  - live: N writes at W concurrent writers with the dispatcher on; commit→receipt
 *    latency per record (commit = the write's answer arriving) and the delivery rate.
 *  - throughput rounds: the delivered rows are put back to pending (SQL), the
 *    dispatcher drains them; deliveries/s from first to last receipt, against a
 *    keep-alive POST loop at the dispatcher's concurrency sending the same bodies to
 *    the same receiver — the "undici keep-alive POST loop", written the way
 *    a Node 20 integrator would write it: the global fetch (undici's fetch). The
 *    target ratio is against that loop. A second loop over undici's bare `request`
 *    (the fastest Node client; Synchro sends through @nestjs/axios on node:http
 *    keep-alive agents) is reported beside it for information: it does nothing but
 *    send, so it shows what Synchro's client and durable bookkeeping cost per delivery.
 *    Alternating rounds, median.
 */
import { Agent, request } from 'undici';
import { Context, measurement } from '../lib/context';
import { openDirect } from '../lib/direct-db';
import { runLoad } from '../lib/load';
import { Child, startChild } from '../lib/proc';
import { median, nowMs, percentiles, round, sleep } from '../lib/stats';
import { ADMIN_TOKEN } from '../lib/admin';

/** OUTBOX_CONCURRENCY default: deliveries in flight per instance. */
const CONCURRENCY = 16;
const WRITERS = 16;

/** Waits until the receiver has n deliveries, or until nothing arrived for `stallMs` (or `timeoutMs` passed). */
async function waitForCount(receiver: Child, n: number, timeoutMs: number, stallMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = 0;
  let progressAt = Date.now();
  while (Date.now() < deadline && Date.now() - progressAt < stallMs) {
    const now = await receiver.call<number>({ cmd: 'count' });
    if (now > count) progressAt = Date.now();
    count = now;
    if (count >= n) return count;
    await sleep(100);
  }
  return count;
}

function rate(at: number[]): number {
  if (at.length < 2) return NaN;
  let first = Infinity;
  let last = -Infinity;
  for (const t of at) {
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return ((at.length - 1) / (last - first)) * 1000;
}

export async function b3(ctx: Context): Promise<void> {
  const { options } = ctx;
  const total = options.quick ? 3_000 : 20_000;
  const receiver = await startChild('receiver', ctx.script('receiver'), {});
  const direct = await openDirect(ctx.db);
  let objectId: number | undefined;
  try {
    const object = await ctx.admin.contactObject(
      'OUT',
      { direction: 'odoo_to_external', mode: 'realtime' },
      { url: `${receiver.url}/OUT`, shippingUrl: `${receiver.url}/OUT` },
    );
    objectId = object.id;
    const countryId = (await direct.query<{ id: number }>("SELECT id FROM res_country WHERE code = 'ES'"))[0].id;

    // ---- live: writes and deliveries together ----
    const ack = new Map<string, number>();
    const token = (n: number) => `b3-${n}`;
    const started = nowMs();
    const writes = await runLoad({
      url: ctx.synchro.url,
      connections: WRITERS,
      durationMs: 15 * 60_000,
      total,
      request: (n) => ({
        method: 'POST',
        path: '/api/records/res.partner',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ name: token(n), country_id: countryId, email: `${token(n)}@example.com` }),
      }),
      onResponse: (n, status, at) => {
        if (status === 201) ack.set(token(n), at);
      },
    });
    const writesDone = nowMs();
    if (writes.stalled)
      throw new Error(`the records API stopped answering after ${ack.size} writes (hung): ${JSON.stringify(writes.errorKinds)}`);
    if (writes.errors) ctx.log(`  B3 writes: ${writes.errors} errors ${JSON.stringify(writes.errorKinds)} e.g. ${writes.sampleError}`);
    const got = await waitForCount(receiver, ack.size, 10 * 60_000);
    const live = await receiver.call<{ tokens: string[]; at: number[] }>({ cmd: 'collect' });
    const lat: number[] = [];
    let lastReceipt = 0;
    live.tokens.forEach((t, i) => {
      const a = ack.get(t);
      if (a !== undefined) lat.push(Math.max(0, live.at[i] - a));
      lastReceipt = Math.max(lastReceipt, live.at[i]);
    });
    const [p50, p99] = percentiles(lat, [50, 99]);
    const liveRate = (got / (lastReceipt - started)) * 1000;
    ctx.log(
      `  B3 live: ${ack.size} writes in ${round((writesDone - started) / 1000)} s (${round(writes.rps)} writes/s),` +
        ` ${got} delivered by ${round((lastReceipt - started) / 1000)} s (${round(liveRate)} deliveries/s),` +
        ` commit→receipt p50 ${round(p50)} ms p99 ${round(p99)} ms`,
    );

    // ---- throughput rounds: drain a backlog vs a plain POST loop ----
    // A subset of the delivered rows is put back each round (keeps the run under 15 minutes).
    const rows = Math.min(live.tokens.length, options.quick ? 1_500 : 5_000);
    const bodies = live.tokens.slice(0, rows).map((t, i) =>
      JSON.stringify({
        action: 'update',
        values: { name: t, unique_id: `R-${i + 1}`, country: 'ES', company: null },
        external_id: `R-${i + 1}`,
      }),
    );
    const project: number[] = [];
    const baseline: number[] = [];
    const ids = await direct.query<{ id: number }>('SELECT id FROM sync_outbox WHERE sync_object_id = ? ORDER BY id LIMIT ?', [
      object.id,
      rows,
    ]);
    const lastRowId = Number(ids[ids.length - 1]?.id ?? 0);
    const drainProject = async (): Promise<number> => {
      await receiver.call({ cmd: 'reset' });
      await direct.run(
        `UPDATE sync_outbox SET status = 'pending', attempts = 0, lease_owner = NULL, lease_until = NULL, next_attempt_at = ?,
           delivered_at = NULL, last_error = NULL
         WHERE sync_object_id = ? AND id <= ?`,
        [direct.date(new Date(Date.now() - 1000)), object.id, lastRowId],
      );
      // The dispatcher polls (OUTBOX_POLL_MS, 1 s by default) and then drains.
      const n = await waitForCount(receiver, rows, 10 * 60_000);
      const { at } = await receiver.call<{ at: number[] }>({ cmd: 'collect' });
      if (n < rows) throw new Error(`B3 drain: only ${n} of ${rows} delivered (stalled)`);
      return rate(at);
    };
    const agent = new Agent({ keepAliveTimeout: 10_000 });
    const viaFetch = async (url: string, body: string, i: number) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': `bench-${i}` },
        body,
      });
      return (await res.json()) as { status?: string };
    };
    const viaRequest = async (url: string, body: string, i: number) => {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': `bench-${i}` },
        body,
        dispatcher: agent,
      });
      return (await res.body.json()) as { status?: string };
    };
    const drainLoop = async (send: typeof viaFetch): Promise<number> => {
      await receiver.call({ cmd: 'reset' });
      let next = 0;
      const url = `${receiver.url}/OUT`;
      const worker = async () => {
        while (next < bodies.length) {
          const i = next++;
          if ((await send(url, bodies[i], i)).status !== 'success') throw new Error('receiver refused');
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const { at } = await receiver.call<{ at: number[] }>({ cmd: 'collect' });
      return rate(at);
    };
    const drainBaseline = () => drainLoop(viaFetch);
    const bare: number[] = [];
    // Warm-up of the baseline loops (the project side was warmed by the live phase).
    await drainBaseline();
    await drainLoop(viaRequest);
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 === 0 ? ['project', 'baseline', 'bare'] : ['bare', 'baseline', 'project'];
      for (const side of order) {
        const value = side === 'project' ? await drainProject() : side === 'baseline' ? await drainBaseline() : await drainLoop(viaRequest);
        (side === 'project' ? project : side === 'baseline' ? baseline : bare).push(value);
        ctx.log(`  B3 round ${r + 1} ${side.padEnd(8)} ${round(value)} deliveries/s (${rows} rows)`);
      }
    }
    await agent.close();
    // ---- paced latency: writes at half the measured drain rate, so the figure is the pipeline's, not a queue's ----
    // Half of the slower of draining and writing: the paced phase must measure the pipeline, not a queue.
    const pacedRate = Math.max(5, Math.round(Math.min(median(project), writes.rps) / 2));
    const pacedMs = options.quick ? 4_000 : 10_000;
    await receiver.call({ cmd: 'reset' });
    const pacedAck = new Map<string, number>();
    const inflight: Promise<void>[] = [];
    const pacedStart = nowMs();
    for (let i = 0; nowMs() - pacedStart < pacedMs; i++) {
      const due = pacedStart + (i * 1000) / pacedRate;
      const wait = due - nowMs();
      if (wait > 0) await sleep(wait);
      const name = `b3p-${i}`;
      inflight.push(
        fetch(`${ctx.synchro.url}/api/records/res.partner`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
          body: JSON.stringify({ name, country_id: countryId, email: `${name}@example.com` }),
        }).then(async (res) => {
          await res.arrayBuffer();
          if (res.status === 201) pacedAck.set(name, nowMs());
        }),
      );
    }
    await Promise.all(inflight);
    await waitForCount(receiver, pacedAck.size, 120_000);
    const paced = await receiver.call<{ tokens: string[]; at: number[] }>({ cmd: 'collect' });
    const pacedLat: number[] = [];
    paced.tokens.forEach((t, i) => {
      const a = pacedAck.get(t);
      if (a !== undefined) pacedLat.push(Math.max(0, paced.at[i] - a));
    });
    const [pp50, pp99] = percentiles(pacedLat, [50, 99]);
    ctx.log(`  B3 paced: ${pacedAck.size} writes at ${pacedRate}/s, commit→receipt p50 ${round(pp50)} ms p99 ${round(pp99)} ms`);

    ctx.report(
      measurement({
        id: 'B3.rate',
        name: `B3 outbound real time: deliveries/s draining ${rows} outbox rows (concurrency ${CONCURRENCY}) vs keep-alive fetch POST loop`,
        unit: 'deliveries/s',
        project: median(project),
        baseline: median(baseline),
        target: 0.5,
        higherIsBetter: true,
        rounds: { project: project.map((v) => round(v)), baseline: baseline.map((v) => round(v)) },
      }),
    );
    ctx.report(
      measurement({
        id: 'B3.rate-bare',
        name: `B3 outbound drain vs a bare undici request() loop (sends only, no bookkeeping; information)`,
        unit: 'deliveries/s',
        project: median(project),
        baseline: median(bare),
        target: null,
        higherIsBetter: true,
        rounds: { project: project.map((v) => round(v)), baseline: bare.map((v) => round(v)) },
      }),
    );
    ctx.report(
      measurement({
        id: 'B3.live',
        name:
          `B3 live: ${total} writes through the records API (${WRITERS} writers) delivered in real time,` +
          ' deliveries/s (baseline: the writes/s)',
        unit: 'deliveries/s',
        project: liveRate,
        baseline: writes.rps,
        target: null,
        higherIsBetter: true,
      }),
    );
    ctx.report(
      measurement({
        id: 'B3.p50',
        name: `B3 commit→receipt latency p50, writes paced at ${pacedRate}/s (half the slower of the drain and write rates)`,
        unit: 'ms',
        project: pp50,
        baseline: null,
        target: null,
        higherIsBetter: false,
      }),
    );
    ctx.report(
      measurement({
        id: 'B3.p99',
        name: `B3 commit→receipt latency p99, writes paced at ${pacedRate}/s`,
        unit: 'ms',
        project: pp99,
        baseline: null,
        target: null,
        higherIsBetter: false,
      }),
    );
    ctx.report(
      measurement({
        id: 'B3.live-p50',
        name: `B3 live phase commit→receipt p50 (${WRITERS} unpaced writers: includes the backlog's queueing)`,
        unit: 'ms',
        project: p50,
        baseline: null,
        target: null,
        higherIsBetter: false,
      }),
    );
    ctx.report(
      measurement({
        id: 'B3.live-p99',
        name: 'B3 live phase commit→receipt p99 (unpaced)',
        unit: 'ms',
        project: p99,
        baseline: null,
        target: null,
        higherIsBetter: false,
      }),
    );
  } finally {
    // Switched off whatever happened: later cases' records must not be queued for this receiver.
    if (objectId !== undefined) await deactivate(ctx, direct, objectId);
    await direct.close();
    await receiver.stop();
  }
}

/** Through the API; if Synchro hangs, straight in the database (and its queued rows dropped). */
async function deactivate(ctx: Context, direct: Awaited<ReturnType<typeof openDirect>>, objectId: number): Promise<void> {
  await ctx.admin.deactivate(objectId).catch(async () => {
    await direct.run('UPDATE sync_object SET active = 0 WHERE id = ?', [objectId]).catch(() => undefined);
  });
  await direct.run("DELETE FROM sync_outbox WHERE sync_object_id = ? AND status <> 'done'", [objectId]).catch(() => undefined);
}
