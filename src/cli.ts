#!/usr/bin/env node
/**
 * `synchro` command line (package.json "bin"): runs, resyncs, API keys, configuration, the
 * change log, the outbox, and `migrate`. Works against the configured database (DATABASE_URL,
 * read like the service: ./.env, variables already set win) through a Nest application
 * context without HTTP, or against a running instance's admin API with --url and --token.
 * Exit codes: 0 done, 1 the operation failed, 2 bad usage (or bad configuration).
 */
import 'reflect-metadata';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import * as fs from 'node:fs';
import { AppModule } from './app.module';
import { Backend, OperationError, UsageError } from './cli/backend';
import * as commands from './cli/commands';
import { LocalBackend } from './cli/local-backend';
import { RemoteBackend } from './cli/remote-backend';
import { loadAppConfig } from './config/app.config';
import { ConfigError } from './config/env';
import { buildDataSourceOptions } from './database/data-source.options';
import { runMigrationsLocked } from './database/migration.runner';

const POLL_MS = Number(process.env.SYNCHRO_CLI_POLL_MS) || 250;
const output: commands.Output = { out: process.stdout, tty: Boolean(process.stdout.isTTY), pollMs: POLL_MS };

function loadDotEnv(): void {
  // Like the service (@nestjs/config): ./.env is read, variables already set win.
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
}

async function migrate(): Promise<void> {
  loadDotEnv();
  const dataSource = await new DataSource(buildDataSourceOptions(loadAppConfig().database)).initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'No pending migrations\n');
  } finally {
    await dataSource.destroy();
  }
}

interface Global {
  url?: string;
  token?: string;
}

/** The backend the global options choose; `dispatcher`: deliver outbound changes in this process (local resync). */
async function open(global: Global, options: { dispatcher?: boolean } = {}): Promise<Backend> {
  if (global.url) {
    const token = global.token ?? process.env.SYNCHRO_TOKEN;
    if (!token) throw new UsageError('--url needs --token (or SYNCHRO_TOKEN): the admin token of that instance');
    return new RemoteBackend(global.url, token);
  }
  if (global.token) throw new UsageError('--token goes with --url (without --url the commands use DATABASE_URL)');
  loadDotEnv();
  // This process is a short-lived worker: no cron ticks, no periodic alert evaluation; deliveries only when asked.
  process.env.SCHEDULER = 'off';
  process.env.ALERT_EVALUATE_MS = '0';
  if (!options.dispatcher) process.env.OUTBOX_DISPATCHER = 'off';
  const { database } = loadAppConfig();
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  const target = database.type === 'sqlite' ? `sqlite:${database.path}` : `mysql://${database.host}:${database.port}/${database.database}`;
  return new LocalBackend(app, target);
}

/** Runs one command with its backend, closed afterwards whatever happens. */
function withBackend(command: Command, work: (backend: Backend) => Promise<void>, options: { dispatcher?: boolean } = {}) {
  return async () => {
    const backend = await open(command.optsWithGlobals<Global>(), options);
    try {
      await work(backend);
    } finally {
      await backend.close();
    }
  };
}

const positiveInt = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647) {
    throw new InvalidArgumentError(`${name} must be a whole number from 1`);
  }
  return Number(value);
};
const limitOption = (fallback: number) =>
  new Option('--limit <n>', 'rows shown (1..500)').default(fallback).argParser((value) => {
    const n = positiveInt('--limit')(value);
    if (n > 500) throw new InvalidArgumentError('--limit must be at most 500');
    return n;
  });
const codesOption = () =>
  new Option('--codes <codes>', 'limit the key to these sync-model codes, comma-separated (default: every code)').argParser((value) =>
    value.split(',').map((code) => code.trim()),
  );

function build(): Command {
  const program = new Command('synchro')
    .description('Synchro command line: against DATABASE_URL, or a running instance with --url and --token')
    .option('--url <url>', 'work through the admin API of a running instance (e.g. http://localhost:8071)')
    .option('--token <token>', 'the admin token for --url (or SYNCHRO_TOKEN)')
    .exitOverride();

  program.command('migrate').description('apply pending database migrations (DATABASE_URL), under the migration lock').action(migrate);

  const objects = program.command('objects').description('list the sync objects (id, name, active)');
  objects.action(withBackend(objects, (b) => commands.listObjects(b, output)));

  const run = program
    .command('run')
    .description('run a sync object now with live progress (received / applied / failed / sent) and a summary; exit 1 if the run failed')
    .argument('<object>', 'sync object id or name');
  run.action((object: string) => withBackend(run, (b) => commands.runObject(b, object, output))());

  const dryRun = program
    .command('dry-run')
    .description(
      "plan a sync object's next run without writing anything: counts per action, then each item (action, fields old → new, " +
        'reasons); receiving only where the web service needs confirmation (no confirmation is sent)',
    )
    .argument('<object>', 'sync object id or name')
    .option('--no-receive', 'plan only the sending (e.g. where the web service needs no confirmation)')
    .option('--no-items', 'only the counts per action');
  dryRun.action((object: string, options: { receive: boolean; items: boolean }) =>
    withBackend(dryRun, (b) => commands.dryRunObject(b, object, options, output))(),
  );

  const resync = program
    .command('resync')
    .description('queue every local record of a sync object for sending, then follow the queue until it is empty')
    .argument('<object>', 'sync object id or name')
    .option('--no-wait', 'only queue, do not follow the deliveries');
  resync.action((object: string, options: { wait: boolean }) =>
    withBackend(resync, (b) => commands.resyncObject(b, object, options.wait, output), { dispatcher: true })(),
  );

  const apikey = program.command('apikey').description('API keys of the external systems (the api_key header of /sync)');
  const create = apikey
    .command('create')
    .description('generate a key (shown once)')
    .argument('<name>', 'what the key is for')
    .addOption(codesOption());
  create.action((name: string, options: { codes?: string[] }) =>
    withBackend(create, (b) => commands.createApiKey(b, name, undefined, options.codes, output))(),
  );
  const importKey = apikey
    .command('import')
    .description('import a key an external system already uses')
    .argument('<name>', 'what the key is for')
    .argument('<key>', 'the key (8..128 printable characters, no spaces)')
    .addOption(codesOption());
  importKey.action((name: string, key: string, options: { codes?: string[] }) =>
    withBackend(importKey, (b) => commands.createApiKey(b, name, key, options.codes, output))(),
  );
  const list = apikey.command('list').description('list the keys (never the keys themselves)');
  list.action(withBackend(list, (b) => commands.listApiKeys(b, output)));
  const revoke = apikey
    .command('revoke')
    .description('revoke a key; it stops working at once')
    .argument('<id>', 'key id', positiveInt('<id>'));
  revoke.action((id: number) => withBackend(revoke, (b) => commands.revokeApiKey(b, id, output))());

  const config = program
    .command('config')
    .description('move a configuration (web services, sync models, sync objects) between installations');
  const exportCmd = config
    .command('export')
    .description('write the configuration as JSON (secrets never included)')
    .argument('[file]', 'default: stdout');
  exportCmd.action((file?: string) => withBackend(exportCmd, (b) => commands.exportConfig(b, file, output))());
  const importCmd = config
    .command('import')
    .description('apply an exported document, all of it or nothing')
    .argument('<file>', 'the JSON document');
  importCmd.action((file: string) => withBackend(importCmd, (b) => commands.importConfig(b, file, output))());

  const log = program
    .command('log')
    .description('the change log, newest rows last; --follow keeps printing new rows until interrupted')
    .option('--object <object>', 'only this sync object (id or name)')
    .option('--failed', 'only failed synchronizations')
    .option('-f, --follow', 'keep printing new rows (Ctrl-C stops)')
    .addOption(limitOption(20));
  log.action((options: commands.LogOptions) => {
    let stopped = false;
    const stop = () => (stopped = true);
    process.once('SIGINT', stop).once('SIGTERM', stop);
    return withBackend(log, (b) => commands.showLog(b, options, output, () => stopped))();
  });

  const outbox = program
    .command('outbox')
    .description('outbound changes (pending, dead, ...); --retry puts dead rows back in the queue')
    .option('--dead', 'only dead rows (given up)')
    .option('--object <object>', 'only this sync object (id or name)')
    .option('--retry <id|all>', 'retry one dead row, or every dead row (of --object)')
    .addOption(limitOption(50));
  outbox.action((options: commands.OutboxOptions) => withBackend(outbox, (b) => commands.showOutbox(b, options, output))());

  return program;
}

/** One clear line, and the exit code: 2 bad usage or configuration, 1 failed operation. */
function fail(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2; // commander printed the message (or the help)
  if (error instanceof UsageError || error instanceof ConfigError) {
    process.stderr.write(`error: ${error.message}\n`);
    return 2;
  }
  if (error instanceof OperationError) {
    process.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message.split('\n')[0]}\n`);
  if (process.env.SYNCHRO_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  return 1;
}

build()
  .parseAsync()
  .then(
    () => process.exit(0),
    (error: unknown) => process.exit(fail(error)),
  );
