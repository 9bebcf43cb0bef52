/**
 * B5 growth: filtered change-control pages (GET /api/change-log) at 10,000 log rows
 * and again at 1,000,000; the ratio of the median times must stay ≤ 3.
 * Rows are synthetic but shaped like production: newest-first timestamps over 90
 * days, 5 sync objects, 1% failures, both directions, the three actions.
 */
import { ADMIN_TOKEN } from '../lib/admin';
import { Context, measurement } from '../lib/context';
import { DirectDb, openDirect } from '../lib/direct-db';
import { runLoad } from '../lib/load';
import { round } from '../lib/stats';

const COLUMNS =
  'direction, action, external_id, odoo_id, name, title, origin_values, destination_values, modified_at, synced_at, status, ' +
  'error_message, sync_object_id, model, sync_trigger, duration_ms';
const ACTIONS = ['create', 'write', 'write', 'unlink'];
const NAMES: Record<string, string> = { create: 'Create Contact', write: 'Modify Contact', unlink: 'Delete Contact' };
const SPAN_MS = 90 * 24 * 3600 * 1000;

interface Query {
  id: string;
  label: string;
  query: Record<string, string>;
  /** Time the second page (keyset cursor) instead of the first. */
  secondPage?: boolean;
  target: number | null;
}

/** Rows from..to spread over the last 90 days (a later fill interleaves with an earlier one: density grows). */
async function fill(direct: DirectDb, from: number, to: number, t0: number): Promise<void> {
  const batch = direct.kind === 'mysql' ? 2_000 : 500;
  const placeholders = `(${COLUMNS.split(',')
    .map(() => '?')
    .join(', ')})`;
  for (let start = from; start < to; start += batch * 10) {
    await direct.transaction(async () => {
      for (let s = start; s < Math.min(to, start + batch * 10); s += batch) {
        const end = Math.min(to, s + batch);
        const params: unknown[] = [];
        for (let i = s; i < end; i++) {
          const action = ACTIONS[i % 4];
          const failed = i % 100 === 37;
          const at = direct.date(new Date(t0 + Math.floor(((i - from) / (to - from)) * SPAN_MS)));
          params.push(
            i % 5 < 3 ? 'external_to_odoo' : 'odoo_to_external',
            action,
            `E-${i}`,
            i + 1,
            NAMES[action],
            `Contact ${i}`,
            `{"name":"Contact ${i}","unique_id":"E-${i}","country":"ES"}`,
            `{"name":"Contact ${i}","x_sys_id":"E-${i}","country_id":1}`,
            at,
            at,
            failed ? 'failed' : 'success',
            failed ? 'country: no res.country with code XX' : null,
            (i % 5) + 1,
            'res.partner',
            i % 3 === 0 ? 'cron' : 'realtime',
            3,
          );
        }
        await direct.run(
          `INSERT INTO change_log (${COLUMNS}) VALUES ${Array.from({ length: end - s }, () => placeholders).join(', ')}`,
          params,
        );
      }
    });
  }
  if (direct.kind === 'mysql') await direct.query('ANALYZE TABLE change_log');
}

export async function b5(ctx: Context): Promise<void> {
  const small = 10_000;
  const large = ctx.options.quick ? 200_000 : 1_000_000;
  const samples = ctx.options.quick ? 15 : 40;
  const queries: Query[] = [
    { id: 'B5.failed', label: 'status=failed, first page', query: { status: 'failed' }, target: 3 },
    {
      id: 'B5.object-p2',
      label: 'syncObjectId=3, second page (keyset beforeId)',
      query: { syncObjectId: '3' },
      secondPage: true,
      target: 3,
    },
    {
      id: 'B5.object-failed',
      label: 'syncObjectId=3 & status=failed, first page',
      query: { syncObjectId: '3', status: 'failed' },
      target: 3,
    },
    {
      id: 'B5.direction-range',
      label: 'direction=odoo_to_external & from=<30 days ago>, first page',
      query: { direction: 'odoo_to_external', from: '' },
      target: 3,
    },
    { id: 'B5.external-id', label: 'externalId=<one record>, first page', query: { externalId: 'E-1234' }, target: 3 },
    { id: 'B5.unfiltered-p3', label: 'no filter, third page (keyset)', query: {}, secondPage: true, target: 3 },
    // Text search (README "Change control"): rare words are served by the full-text index (FTS5 / FULLTEXT),
    // a common word by the newest-first walk, as a sample of the newest rows tells them apart.
    { id: 'B5.q-rare', label: 'q=<rare words> "Contact 4321" (full-text index), first page', query: { q: 'Contact 4321' }, target: 3 },
    { id: 'B5.q-common', label: 'q=<a word of every title> "contact", first page', query: { q: 'contact' }, target: 3 },
  ];
  const direct = await openDirect(ctx.db);
  const t0 = Date.now() - SPAN_MS;
  try {
    // TRUNCATE on MySQL: a DELETE of the earlier cases' rows would leave InnoDB purging them in the
    // background, slowing the 10k measurement (SQLite's DELETE without WHERE truncates anyway).
    await direct.run(direct.kind === 'mysql' ? 'TRUNCATE TABLE change_log' : 'DELETE FROM change_log');
    const time = async (label: string, q: Query): Promise<number> => {
      const params = new URLSearchParams({ limit: '50', ...q.query });
      if ('from' in q.query) params.set('from', new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString());
      let path = `/api/change-log?${params}`;
      if (q.secondPage) {
        // Follow the cursor of the first page (twice for the "third page").
        const pages = q.id.endsWith('p3') ? 2 : 1;
        for (let p = 0; p < pages; p++) {
          const res = await fetch(`${ctx.synchro.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
          const page = (await res.json()) as { nextBeforeId: number | null };
          if (!page.nextBeforeId) throw new Error(`${q.id}: no next page`);
          params.set('beforeId', String(page.nextBeforeId));
          path = `/api/change-log?${params}`;
        }
      }
      const request = () => ({ method: 'GET', path, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      await runLoad({ url: ctx.synchro.url, connections: 1, durationMs: 60_000, total: 3, request });
      const result = await runLoad({ url: ctx.synchro.url, connections: 1, durationMs: 60_000, total: samples, request });
      if (result.errors) throw new Error(`${q.id} at ${label}: ${result.sampleError}`);
      ctx.log(
        `  B5 ${label.padEnd(9)} ${q.id.padEnd(20)} p50 ${round(result.p50, 2)} ms  p99 ${round(result.p99, 2)} ms` +
          `  (${result.requests} requests)`,
      );
      return result.p50;
    };
    let started = Date.now();
    await fill(direct, 0, small, t0);
    ctx.log(`B5: ${small} rows in ${Date.now() - started} ms`);
    const at10k = new Map<string, number>();
    for (const q of queries) at10k.set(q.id, await time(`${small / 1000}k`, q));
    started = Date.now();
    await fill(direct, small, large, t0);
    ctx.log(`B5: grown to ${large} rows in ${round((Date.now() - started) / 1000)} s`);
    for (const q of queries) {
      const atLarge = await time(`${large / 1000}k`, q);
      ctx.report(
        measurement({
          id: q.id,
          name:
            `B5 change-log page time at ${large.toLocaleString('en')} rows (project)` +
            ` vs ${small.toLocaleString('en')} rows (baseline): ${q.label}`,
          unit: 'ms',
          project: atLarge,
          baseline: at10k.get(q.id)!,
          target: q.target,
          higherIsBetter: false,
        }),
      );
    }
  } finally {
    await direct.close();
  }
}
