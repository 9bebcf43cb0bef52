/**
 * `npm run bench` — Synchro's hot paths against baselines doing the same durable
 * work with nothing in between, in the same run. Not a test: never part of `npm test`.
 *
 *   npm run bench                       # MariaDB/MySQL (BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306/synchro_bench)
 *   npm run bench -- --sqlite           # SQLite (temp file)
 *   npm run bench -- --quick            # short rounds, small sizes (development)
 *   npm run bench -- --only=B1,B5       # some cases only
 *   npm run bench -- --only=B1M         # metrics on vs off (two Synchro processes, alternating rounds)
 *   npm run bench -- --rounds=5         # rounds per pair (default 3; quick 1)
 *   npm run bench -- --profile          # also CPU-profile Synchro under B1 load (top self-time functions)
 *   npm run bench -- --lever=pool=30   # EXPERIMENTAL: bench-side patches of Synchro (servers/levers.ts)
 *                                       # to measure a proposed src/ change before making it; reported separately
 *
 * Writes bench/RESULTS.md and bench/results.json (see bench/README.md).
 */
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { b1, createRequest } from './cases/b1';
import { b1m } from './cases/b1m';
import { b2b4 } from './cases/b2';
import { b3 } from './cases/b3';
import { b5 } from './cases/b5';
import { Admin, ADMIN_TOKEN, API_KEY } from './lib/admin';
import { Context, Options, Reported, scriptPath, useScriptsFrom } from './lib/context';
import { takeSnapshot } from './lib/snapshot';
import { summarize } from './lib/cpuprofile';
import { runLoad } from './lib/load';
import { startChild } from './lib/proc';
import { BENCH_DIR, RunRecord, saveRun } from './lib/report';
import { createScratchDatabase, ScratchDatabase } from './lib/scratch-db';
import { round } from './lib/stats';

function parseArgs(argv: string[]): Options & { profile: boolean; levers: string } {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const quick = flag('quick');
  const only = value('only');
  return {
    kind: flag('sqlite') ? 'sqlite' : 'mysql',
    quick,
    only: only ? new Set(only.toUpperCase().split(',')) : undefined,
    // Synchro runs with the node flags of `npm start` (package.json); BENCH_SYNCHRO_NODE_ARGS tries others.
    synchroNodeArgs: (process.env.BENCH_SYNCHRO_NODE_ARGS ?? startNodeArgs()).split(' ').filter(Boolean),
    rounds: Number(value('rounds') ?? (quick ? 1 : 3)),
    profile: flag('profile'),
    levers: value('lever') ?? '',
  };
}

/** The node flags `npm start` gives Synchro (`node <flags> dist/src/main.js`). */
function startNodeArgs(): string {
  const start = (
    JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts.start;
  return /node (.*?)\s*dist\/src\/main\.js/.exec(start)?.[1] ?? '';
}

function sh(command: string): string {
  try {
    return execSync(command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '?';
  }
}

function machine(db: ScratchDatabase): Record<string, string> {
  const cpus = os.cpus();
  return {
    machine: `${sh('nproc')} CPUs (${cpus[0]?.model ?? '?'}), ${round(os.totalmem() / 1024 ** 3)} GB RAM, ${os.type()} ${os.release()}`,
    node: process.version,
    database: db.version,
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const wanted = (id: string) => !options.only || options.only.has(id);
  const started = Date.now();
  const log = (message: string) => process.stdout.write(`[${round((Date.now() - started) / 1000)}s] ${message}\n`);
  const snapshot = takeSnapshot();
  useScriptsFrom(snapshot.root);
  process.on('exit', () => snapshot.remove());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
  const db = await createScratchDatabase(options.kind);
  const label =
    (options.kind === 'mysql' ? (/mariadb/i.test(db.version) ? 'mariadb' : 'mysql') : 'sqlite') +
    (options.levers ? `+levers(${options.levers})` : '');
  log(`bench on ${db.version} (${label}), ${options.quick ? 'quick' : 'full'}, ${options.rounds} round(s) per pair`);
  const synchroEnv = (): Record<string, string> => ({
    DATABASE_URL: db.url,
    DATA_DIR: db.dataDir,
    ADMIN_TOKEN,
    NODE_ENV: 'production',
    BENCH_LEVERS: options.levers,
  });
  const measurements: Reported[] = [];
  const notes: string[] = [];
  let profileText: string | undefined;
  let synchro = await startChild('synchro', scriptPath('synchro'), synchroEnv(), { nodeArgs: options.synchroNodeArgs }).catch(
    async (error) => {
      await db.drop();
      throw error;
    },
  );
  try {
    const admin = new Admin(synchro.url);
    await admin.countries();
    await admin.apiKey(API_KEY);
    const ctx: Context = {
      options,
      db,
      synchro,
      admin,
      script: scriptPath,
      env: synchroEnv,
      report: (m) => {
        measurements.push(m);
        log(
          `=> ${m.id}: project ${round(m.project ?? NaN, 2)} ${m.unit}, baseline ${round(m.baseline ?? NaN, 2)},` +
            ` ratio ${round(m.ratio ?? NaN, 3)}` +
            (m.target === null ? '' : ` (target ${m.higherIsBetter ? '≥' : '≤'} ${m.target})`),
        );
      },
      notes,
      log,
      isHealthy: () =>
        fetch(`${ctx.synchro.url}/health`, { signal: AbortSignal.timeout(5_000) }).then(
          (r) => r.ok,
          () => false,
        ),
      restart: async (reason) => {
        const message = `${reason}; it was restarted on the same database.`;
        log(message);
        notes.push(message);
        const tail = ctx.synchro.tail().trim();
        if (tail)
          notes.push(`Synchro's log before that restart:\n\n\`\`\`\n${tail.split('\n').slice(-25).join('\n').slice(0, 6000)}\n\`\`\``);
        await ctx.synchro.stop();
        ctx.synchro = synchro = await startChild('synchro', scriptPath('synchro'), synchroEnv(), { nodeArgs: options.synchroNodeArgs });
        ctx.admin = new Admin(ctx.synchro.url);
      },
    };
    /** A case that leaves Synchro unresponsive (e.g. deadlocked) must not sink the others: restart it, say so. */
    const healthy = async (after: string) => {
      if (await ctx.isHealthy()) return;
      await ctx.restart(`Synchro did not answer GET /health after ${after} (hung)`);
    };
    const cases: [string, () => Promise<void>][] = [
      ['B1', () => b1(ctx)],
      ['B1M', () => b1m(ctx)],
      ['B3', () => b3(ctx)],
      ['B2', () => b2b4(ctx, { b2: wanted('B2'), b4: wanted('B4') })],
      ['B5', () => b5(ctx)],
    ];
    for (const [id, run] of cases) {
      const selected = id === 'B2' ? wanted('B2') || wanted('B4') : wanted(id);
      if (!selected) continue;
      try {
        await run();
      } catch (error) {
        const message = `${id} failed: ${(error as Error).message.split('\n')[0]}`;
        log(message);
        notes.push(message);
      }
      await healthy(id === 'B2' ? 'B2/B4' : id);
      if (id === 'B1' && options.profile) profileText = await profileB1(ctx);
    }
  } finally {
    const tail = synchro.tail().trim();
    if (tail)
      notes.push(`Synchro's log during the run (last lines):\n\n\`\`\`\n${tail.split('\n').slice(-25).join('\n').slice(0, 6000)}\n\`\`\``);
    await synchro.stop();
    if (!process.env.BENCH_KEEP_DB) await db.drop();
  }
  const durationS = (Date.now() - started) / 1000;
  const record: RunRecord = {
    kind: options.kind,
    key: `${options.kind}${options.levers ? `+${options.levers}` : ''}`,
    label,
    quick: options.quick,
    date: new Date().toISOString(),
    commit: `${sh('git rev-parse --short HEAD')}${sh('git status --porcelain -- src') ? ' + uncommitted src changes' : ''}`,
    machine: machine(db),
    commands: ['npm run bench --', ...process.argv.slice(2)],
    durationS,
    measurements,
    notes,
    profile: profileText,
  };
  saveRun(record);
  log(`done in ${round(durationS)} s → ${path.join(BENCH_DIR, 'RESULTS.md')}`);
}

/** Synchro under B1 load with --cpu-prof: the top self-time functions and where the time goes by package. */
async function profileB1(ctx: Context): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synchro-prof-'));
  // The B1 object was deactivated at the end of B1: switch it back on for the profile.
  const objects = (await ctx.admin.call('GET', '/api/sync-objects')) as { id: number; name: string }[];
  const con = objects.find((o) => o.name === 'Contacto CON')!;
  await ctx.admin.call('PATCH', `/api/sync-objects/${con.id}`, { active: true });
  const child = await startChild('synchro-profiled', scriptPath('synchro'), ctx.env(), {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  try {
    await runLoad({ url: child.url, connections: 32, durationMs: 2_000, request: createRequest('prof-warm') });
    const result = await runLoad({
      url: child.url,
      connections: 32,
      durationMs: ctx.options.quick ? 4_000 : 10_000,
      request: createRequest('prof'),
    });
    ctx.log(`  profile run: ${round(result.rps)} req/s (profiler on)`);
  } finally {
    await child.stop();
    await ctx.admin.call('PATCH', `/api/sync-objects/${con.id}`, { active: false });
  }
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return 'CPU profile: no profile written';
  const keep = path.join(BENCH_DIR, 'results', `b1-${ctx.db.kind}.cpuprofile`);
  fs.mkdirSync(path.dirname(keep), { recursive: true });
  fs.copyFileSync(path.join(dir, file), keep);
  fs.rmSync(dir, { recursive: true, force: true });
  const s = summarize(keep, 30);
  const lines = [
    `CPU profile of Synchro under B1 load (${round(s.totalMs / 1000)} s incl. start-up; file bench/results/${path.basename(keep)}):`,
    '',
  ];
  lines.push('| self ms | % | function | where |', '| ---: | ---: | --- | --- |');
  for (const f of s.functions) lines.push(`| ${f.selfMs} | ${f.percent} | \`${f.name}\` | ${f.where} |`);
  lines.push('', '| self ms | % | package / src module |', '| ---: | ---: | --- |');
  for (const g of s.groups.slice(0, 20)) lines.push(`| ${g.selfMs} | ${g.percent} | ${g.group} |`);
  ctx.log(lines.join('\n'));
  return lines.join('\n');
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
