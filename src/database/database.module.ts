/**
 * Database module: owns the TypeORM data source (SQLite or MySQL/MariaDB from
 * DATABASE_URL), start-up migrations under a lock, and the UnitOfWork through
 * which every write transaction goes.
 */
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, appConfig } from '../config/app.config';
import { buildDataSourceOptions } from './data-source.options';
import { runMigrationsLocked } from './migration.runner';
import { installSqliteImmediateTransactions, UnitOfWork } from './unit-of-work';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: AppConfig) => buildDataSourceOptions(config.database),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        installSqliteImmediateTransactions(dataSource);
        await runMigrationsLocked(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [UnitOfWork],
  exports: [UnitOfWork],
})
export class DatabaseModule {}
