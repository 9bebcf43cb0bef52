/**
 * Config module: owns the validated start-up configuration (APP_CONFIG) and the
 * admin token (from ADMIN_TOKEN or generated into the data folder).
 */
import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import { readOrCreateSecret, strongToken } from './local-secrets';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');

@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: (): AppConfig => loadConfig() },
    {
      provide: ADMIN_TOKEN,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): string => {
        if (config.adminToken) return config.adminToken;
        const secret = readOrCreateSecret(config.dataDir, 'admin-token', strongToken);
        // Only the file's path is printed: the token itself never reaches a log.
        new Logger('Config').log(
          `${secret.created ? 'Generated an admin token' : 'Using the admin token'} in ${secret.file} (set ADMIN_TOKEN to choose your own)`,
        );
        return secret.value;
      },
    },
  ],
  exports: [APP_CONFIG, ADMIN_TOKEN],
})
export class ConfigModule {}
