/**
 * SECRETS_KEY, registered as the `secrets` configuration: the key that encrypts what Synchro stores
 * and must use in clear later (web-service credentials, the alert webhook URL).
 */
import { ConfigType, registerAs } from '@nestjs/config';
import { IsOptional, ValidateBy } from 'class-validator';
import { readEnv } from '../config/env';
import { parseSecretsKey } from './secrets.cipher';

const secretsKeyProblem = (value: string): string | null => {
  try {
    parseSecretsKey(value);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

class SecretsEnv {
  /** 64 hex characters or base64 of 32 bytes; undefined means "generate into the data folder". */
  @IsOptional()
  @ValidateBy({
    name: 'secretsKey',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && secretsKeyProblem(value) === null,
      defaultMessage: (args) => secretsKeyProblem(String(args?.value)) ?? 'invalid',
    },
  })
  SECRETS_KEY?: string = undefined;
}

export function loadSecretsConfig(env: NodeJS.ProcessEnv = process.env) {
  return { secretsKey: readEnv(SecretsEnv, env).SECRETS_KEY };
}

export const secretsConfig = registerAs('secrets', () => loadSecretsConfig(process.env));
export type SecretsConfig = ConfigType<typeof secretsConfig>;
