/**
 * The data source the TypeORM CLI uses (`npm run migration:run|revert|show`).
 * Reads DATABASE_URL exactly like the service does (including ./.env).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import { DataSource } from 'typeorm';
import { loadAppConfig } from './src/config/app.config';
import { buildDataSourceOptions } from './src/database/data-source.options';

// Like the service (@nestjs/config): variables already set win over the file.
if (fs.existsSync('.env')) process.loadEnvFile('.env');

export default new DataSource(buildDataSourceOptions(loadAppConfig().database));
