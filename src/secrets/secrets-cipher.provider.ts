import { Logger, Provider } from '@nestjs/common';
import { AppConfig, appConfig } from '../config/app.config';
import { ConfigError } from '../config/env';
import { readOrCreateSecret } from '../config/local-secrets';
import { generateSecretsKey, parseSecretsKey, SecretsCipher } from './secrets.cipher';
import { SecretsConfig, secretsConfig } from './secrets.config';

export const SECRETS_KEY_FILE = 'secrets-key';

/**
 * The key comes from SECRETS_KEY, or is generated once into `<data>/secrets-key`
 * (mode 0600) like the admin token. A bad value stops start-up with an error naming
 * SECRETS_KEY (or the file). Only the file's path is ever logged.
 */
export function createSecretsCipher(
  config: Pick<AppConfig, 'dataDir' | 'database'> & Pick<SecretsConfig, 'secretsKey'>,
  logger = new Logger('Secrets'),
): SecretsCipher {
  if (config.secretsKey !== undefined) {
    try {
      return new SecretsCipher(parseSecretsKey(config.secretsKey));
    } catch (error) {
      throw new ConfigError('SECRETS_KEY', (error as Error).message);
    }
  }
  const secret = readOrCreateSecret(config.dataDir, SECRETS_KEY_FILE, generateSecretsKey);
  let key: Buffer;
  try {
    key = parseSecretsKey(secret.value);
  } catch (error) {
    throw new ConfigError('SECRETS_KEY', `${secret.file} ${(error as Error).message}; fix or delete the file, or set SECRETS_KEY`);
  }
  logger.log(
    `${secret.created ? 'Generated a secrets key' : 'Using the secrets key'} in ${secret.file} (set SECRETS_KEY to choose your own)`,
  );
  if (config.database.type === 'mysql') {
    // Instances sharing one database must share the key, or each reads the others' secrets as garbage.
    logger.warn('SECRETS_KEY is not set: every instance sharing this database needs the same key; set SECRETS_KEY');
  }
  return new SecretsCipher(key);
}

export const secretsCipherProvider: Provider = {
  provide: SecretsCipher,
  inject: [appConfig.KEY, secretsConfig.KEY],
  useFactory: (app: AppConfig, own: SecretsConfig) =>
    createSecretsCipher({ dataDir: app.dataDir, database: app.database, secretsKey: own.secretsKey }),
};
