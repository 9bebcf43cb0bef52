/**
 * The data source the TypeORM CLI uses (`npm run migration:run|revert|show`).
 * Reads DATABASE_URL exactly like the service does.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/app-config';
import { buildDataSourceOptions } from './src/database/data-source.options';

export default new DataSource(buildDataSourceOptions(loadConfig().database));
