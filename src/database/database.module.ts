/**
 * Database module: owns the TypeORM data source (SQLite or MySQL/MariaDB from
 * DATABASE_URL), start-up migrations under a lock, the UnitOfWork through
 * which every write transaction goes, and the configuration version (ConfigVersion).
 */
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig, appConfig } from '../config/app.config';
import { buildDataSourceOptions } from './data-source.options';
import { runMigrationsLocked } from './migration.runner';
import { ConfigVersion } from './config-version';
import { installSqliteImmediateTransactions, UnitOfWork } from './unit-of-work';

/** Opens the data source as the app does: initialised, SQLite writers immediate, migrations applied. */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  installSqliteImmediateTransactions(dataSource);
  await runMigrationsLocked(dataSource);
  return dataSource;
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: AppConfig) => buildDataSourceOptions(config.database),
      dataSourceFactory: (options) => openDataSource(options!),
    }),
  ],
  providers: [UnitOfWork, ConfigVersion],
  exports: [UnitOfWork, ConfigVersion],
})
export class DatabaseModule {}
