/* eslint-disable @typescript-eslint/no-explicit-any --
   bench harness: drivers and src modules loaded lazily, IPC and JSON answers untyped */
/**
 * B2 cron pull and B4 memory.
 *
 * B2: records received from the fake external system in batches of 1,000 with
 * confirmation, each with one many2one (country by code): records/s of Synchro
 * against (a) a baseline that pulls the same batches and multi-row-upserts the rows
 * and their change_log rows straight through mysql2 / better-sqlite3, one
 * transaction per batch, then confirms; (b) a naive per-record TypeORM `save` loop.
 * The 100,000 records are split over the alternating rounds (median of rounds).
 *
 * B4: peak RSS of the Synchro process while it pulls 200,000 records, against its
 * idle RSS + 150 MB.
 *
 * Synchro's side is the cron run, POST /api/sync-objects/:id/run (it answers the
 * finished run), repeated until the fake has nothing left to offer.
 */
import { DataSource } from 'typeorm';
import { COUNTRIES } from '../lib/admin';
import { Context, measurement } from '../lib/context';
import { DirectDb, openDirect } from '../lib/direct-db';
import { Child, rssOf, sampleRss, startChild } from '../lib/proc';
import { median, nowMs, round, sleep } from '../lib/stats';
import { ChangeLog } from '../../src/change-control/change-log.entity';
import { SnakeNamingStrategy } from '../../src/database/snake-naming.strategy';
import { ResCountry } from '../../src/odoo/models/res-country.model';
import { ResPartner } from '../../src/odoo/models/res-partner.model';

const BATCH = 1_000;

interface Item {
  action: string;
  values: { unique_id: string; name: string; country: string };
}

async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/** Offers `count` inserts to the fake under `code`, ids `${prefix}-n`. */
async function offer(fake: Child, code: string, prefix: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 20_000) {
    const items = [];
    for (let i = start; i < Math.min(count, start + 20_000); i++) {
      items.push({
        action: 'insert',
        values: { unique_id: `${prefix}-${i}`, name: `Cron ${prefix}-${i}`, country: COUNTRIES[i % COUNTRIES.length][1] },
      });
    }
    await post(`${fake.url}/_seed/${code}`, { items });
  }
}

async function pending(fake: Child, code: string): Promise<number> {
  const summary = (await (await fetch(`${fake.url}/_inspect`)).json()) as { models?: Record<string, { pending: number }> } & Record<
    string,
    any
  >;
  const models = summary.models ?? summary;
  return models[code]?.pending ?? 0;
}

/** Synchro pulls everything the fake offers under `code`; returns when nothing is left. */
async function projectPull(ctx: Context, fake: Child, code: string, objectId: number): Promise<void> {
  // A run drains at most DRAIN_MAX_BATCHES batches / DRAIN_BUDGET_MS: run again while items are offered.
  for (let guard = 0; guard < 1_000 && (await pending(fake, code)) > 0; guard++) {
    let run: { status?: string; error?: string } | undefined;
    try {
      run = await ctx.admin.call('POST', `/api/sync-objects/${objectId}/run`, {}, 5 * 60_000);
    } catch (error) {
      // 409: the scheduler is running the object right now; wait for it.
      if (!/HTTP 409/.test((error as Error).message) || /INACTIVE/.test((error as Error).message)) throw error;
      await sleep(200);
      continue;
    }
    if (run?.status === 'failed') throw new Error(`sync run failed: ${JSON.stringify(run).slice(0, 300)}`);
  }
  const left = await pending(fake, code);
  if (left) throw new Error(`${left} records still offered after the pull`);
}

/** Baseline: the same batches, one transaction each: multi-row upsert + multi-row log insert, then confirm. */
async function baselinePull(direct: DirectDb, url: string, syncObjectId: number): Promise<number> {
  let total = 0;
  const sqlite = direct.kind === 'sqlite';
  for (;;) {
    const answer = await post(url, { limit: BATCH });
    const content = (answer.content ?? []) as Item[];
    if (!content.length) break;
    const codes = [...new Set(content.map((i) => i.values.country))];
    const countries = new Map(
      (
        await direct.query<{ id: number; code: string }>(
          `SELECT id, code FROM res_country WHERE code IN (${codes.map(() => '?').join(',')})`,
          codes,
        )
      ).map((r) => [r.code, r.id]),
    );
    const now = new Date();
    const stamp = direct.date(now);
    await direct.transaction(async () => {
      const rows: unknown[] = [];
      for (const item of content)
        rows.push(item.values.name, item.values.unique_id, countries.get(item.values.country) ?? null, stamp, stamp);
      const values = content.map(() => '(?, ?, ?, 0, 0, 1, ?, ?)').join(', ');
      await direct.run(
        `INSERT INTO res_partner (name, x_sys_id, country_id, is_company, customer, active, create_date, write_date) VALUES ${values} ` +
          (sqlite
            ? 'ON CONFLICT(x_sys_id) DO UPDATE SET name = excluded.name, country_id = excluded.country_id, write_date = excluded.write_date'
            : 'ON DUPLICATE KEY UPDATE name = VALUES(name), country_id = VALUES(country_id), write_date = VALUES(write_date)'),
        rows,
      );
      const ids = content.map((i) => i.values.unique_id);
      const idOf = new Map(
        (
          await direct.query<{ id: number; x_sys_id: string }>(
            `SELECT id, x_sys_id FROM res_partner WHERE x_sys_id IN (${ids.map(() => '?').join(',')})`,
            ids,
          )
        ).map((r) => [r.x_sys_id, r.id]),
      );
      const log: unknown[] = [];
      for (const item of content) {
        const v = item.values;
        log.push(
          'external_to_odoo',
          'create',
          v.unique_id,
          idOf.get(v.unique_id),
          'Create Contact',
          v.name,
          JSON.stringify(v),
          JSON.stringify({ name: v.name, x_sys_id: v.unique_id, country_id: countries.get(v.country) ?? null }),
          stamp,
          stamp,
          'success',
          null,
          syncObjectId,
          'res.partner',
          'cron',
          0,
        );
      }
      await direct.run(
        `INSERT INTO change_log (direction, action, external_id, odoo_id, name, title, origin_values, destination_values, modified_at,
           synced_at, status, error_message, sync_object_id, model, sync_trigger, duration_ms)
         VALUES ${content.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        log,
      );
    });
    await post(url, {
      status: 'success',
      error_message: false,
      content: content.map((i) => ({ status: 'success', error_message: false, external_id: i.values.unique_id })),
    });
    total += content.length;
    if (content.length < BATCH) break;
  }
  return total;
}

/** The naive way: per record, look up, `save` the partner and `save` the log row (each its own transaction). */
async function naivePull(ds: DataSource, url: string, syncObjectId: number, limit: number): Promise<number> {
  const partners = ds.getRepository(ResPartner);
  const countries = ds.getRepository(ResCountry);
  const logs = ds.getRepository(ChangeLog);
  let total = 0;
  while (total < limit) {
    const answer = await post(url, { limit: Math.min(BATCH, limit - total) });
    const content = (answer.content ?? []) as Item[];
    if (!content.length) break;
    for (const { values: v } of content) {
      const now = new Date();
      const country = await countries.findOneBy({ code: v.country });
      const partner =
        (await partners.findOneBy({ x_sys_id: v.unique_id })) ??
        partners.create({ x_sys_id: v.unique_id, create_date: now } as Partial<ResPartner>);
      Object.assign(partner, { name: v.name, country_id: country?.id ?? null, write_date: now });
      await partners.save(partner);
      await logs.save(
        logs.create({
          direction: 'external_to_odoo',
          action: 'create',
          externalId: v.unique_id,
          odooId: partner.id,
          name: 'Create Contact',
          title: v.name,
          originValues: JSON.stringify(v),
          destinationValues: JSON.stringify({ name: v.name, x_sys_id: v.unique_id, country_id: country?.id ?? null }),
          modifiedAt: now,
          syncedAt: now,
          status: 'success',
          errorMessage: null,
          syncObjectId,
          model: 'res.partner',
          trigger: 'cron',
          durationMs: 0,
        } as Partial<ChangeLog>),
      );
    }
    await post(url, {
      status: 'success',
      error_message: false,
      content: content.map((i) => ({ status: 'success', error_message: false, external_id: i.values.unique_id })),
    });
    total += content.length;
  }
  return total;
}

function naiveDataSource(ctx: Context): DataSource {
  const common = {
    entities: [ResPartner, ResCountry, ChangeLog],
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false as const,
  };
  if (ctx.db.kind === 'sqlite') return new DataSource({ ...common, type: 'better-sqlite3', database: ctx.db.sqlitePath!, timeout: 10_000 });
  const m = ctx.db.mysql!;
  return new DataSource({
    ...common,
    type: 'mysql',
    host: m.host,
    port: m.port,
    username: m.user,
    password: m.password,
    database: m.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: 10,
  });
}

export async function b2b4(ctx: Context, which: { b2: boolean; b4: boolean }): Promise<void> {
  const { options } = ctx;
  const fake = await startChild('fake-external', ctx.script('fake-external'), { FAKE_ID_FIELD: 'unique_id' });
  const direct = await openDirect(ctx.db);
  const naiveDs = naiveDataSource(ctx);
  let objectId: number | undefined;
  try {
    const code = 'CRN';
    const object = await ctx.admin.contactObject(
      code,
      { direction: 'external_to_odoo', mode: 'cron', limit: BATCH, drain: true, schedule: { interval: 1, unit: 'weeks' } },
      { url: `${fake.url}/${code}`, needsConfirmation: true, confirmationUrl: `${fake.url}/${code}`, shippingUrl: null },
    );
    objectId = object.id;
    let seq = 0;
    const timed = async (work: () => Promise<number | void>, count: number) => {
      const t = nowMs();
      await work();
      return (count / (nowMs() - t)) * 1000;
    };
    if (which.b2) {
      const total = options.quick ? 6_000 : 100_000;
      const per = Math.ceil(total / options.rounds);
      const naivePer = options.quick ? 300 : 1_000;
      const project: number[] = [];
      const baseline: number[] = [];
      const naive: number[] = [];
      await naiveDs.initialize();
      for (let r = 0; r < options.rounds; r++) {
        const order = r % 2 === 0 ? ['project', 'baseline', 'naive'] : ['naive', 'baseline', 'project'];
        for (const side of order) {
          const count = side === 'naive' ? naivePer : per;
          await offer(fake, code, `${side[0]}${r}-${seq++}`, count);
          const value =
            side === 'project'
              ? await timed(() => projectPull(ctx, fake, code, object.id), count)
              : side === 'baseline'
                ? await timed(() => baselinePull(direct, `${fake.url}/${code}`, object.id), count)
                : await timed(() => naivePull(naiveDs, `${fake.url}/${code}`, object.id, count), count);
          (side === 'project' ? project : side === 'baseline' ? baseline : naive).push(value);
          ctx.log(`  B2 round ${r + 1} ${side.padEnd(8)} ${round(value)} records/s (${count} records)`);
        }
      }
      ctx.report(
        measurement({
          id: 'B2.rate',
          name:
            `B2 cron pull: records/s, ${total.toLocaleString('en')} records in batches of ${BATCH} with confirmation` +
            ' vs multi-row upsert baseline',
          unit: 'records/s',
          project: median(project),
          baseline: median(baseline),
          target: 0.3,
          higherIsBetter: true,
          rounds: { project: project.map((v) => round(v)), baseline: baseline.map((v) => round(v)) },
        }),
      );
      ctx.report(
        measurement({
          id: 'B2.vs-naive',
          name: `B2 cron pull: Synchro records/s vs a naive per-record TypeORM save loop`,
          unit: 'records/s',
          project: median(project),
          baseline: median(naive),
          target: 10,
          higherIsBetter: true,
          rounds: { project: project.map((v) => round(v)), baseline: naive.map((v) => round(v)) },
        }),
      );
    }
    if (which.b4) {
      const count = options.quick ? 20_000 : Number(process.env.BENCH_B4_RECORDS || 200_000);
      await offer(fake, code, `m${seq++}`, count);
      await sleep(500);
      const idle = rssOf(ctx.synchro.pid).rssMb;
      const sampler = sampleRss(ctx.synchro.pid, 50);
      const t = nowMs();
      await projectPull(ctx, fake, code, object.id);
      const seconds = (nowMs() - t) / 1000;
      const peak = sampler.stop();
      ctx.log(`  B4: idle ${round(idle)} MB, peak ${round(peak)} MB while pulling ${count} records in ${round(seconds)} s`);
      ctx.report(
        measurement({
          id: 'B4.rss',
          name:
            `B4 memory: peak RSS of Synchro while pulling ${count.toLocaleString('en')} records (project)` +
            ' vs idle RSS + 150 MB (baseline)',
          unit: 'MB',
          project: peak,
          baseline: idle + 150,
          target: 1,
          higherIsBetter: false,
          note: `idle ${round(idle)} MB, growth ${round(peak - idle)} MB`,
        }),
      );
    }
  } finally {
    if (objectId !== undefined) await ctx.admin.deactivate(objectId).catch(() => undefined);
    if (naiveDs.isInitialized) await naiveDs.destroy();
    await direct.close();
    await fake.stop();
  }
}
