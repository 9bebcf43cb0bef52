#!/usr/bin/env node
/**
 * `synchro` command line (package.json "bin"). For now one command: `synchro migrate`
 * applies pending migrations under the migration lock, the documented step before
 * starting (or upgrading) instances. Reads DATABASE_URL like the service.
 */
import 'reflect-metadata';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import * as fs from 'node:fs';
import { loadAppConfig } from './config/app.config';
import { ConfigError } from './config/env';
import { buildDataSourceOptions } from './database/data-source.options';
import { runMigrationsLocked } from './database/migration.runner';

async function migrate(): Promise<void> {
  // Like the service (@nestjs/config): ./.env is read, variables already set win.
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const dataSource = await new DataSource(buildDataSourceOptions(loadAppConfig().database)).initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'No pending migrations\n');
  } finally {
    await dataSource.destroy();
  }
}

const program = new Command('synchro').description('Synchro command line');
program.command('migrate').description('apply pending database migrations (DATABASE_URL), under the migration lock').action(migrate);

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
