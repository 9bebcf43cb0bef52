/**
 * Config module: the admin token (from ADMIN_TOKEN or generated into the data folder).
 * The settings themselves are @nestjs/config namespaces each feature registers
 * (`registerAs`, validated at start-up: env.ts), loaded once by AppModule and read
 * through `@Inject(<feature>Config.KEY) config: <Feature>Config`.
 */
import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig, appConfig } from './app.config';
import { readOrCreateSecret, strongToken } from './local-secrets';

export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');

@Global()
@Module({
  providers: [
    {
      provide: ADMIN_TOKEN,
      inject: [appConfig.KEY],
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
  exports: [ADMIN_TOKEN],
})
export class ConfigModule {}
