/**
 * The web-services feature's variables, registered as the `webServices` configuration:
 * the key that encrypts stored credentials and the outbound HTTP client's limits.
 */
import { ConfigType, registerAs } from '@nestjs/config';
import { IsOptional, ValidateBy } from 'class-validator';
import { readEnv, WholeNumber } from '../config/env';
import { parseSecretsKey } from './secrets.cipher';

/** OUTBOX_CONCURRENCY: the outbox's deliveries in flight; the client keeps a socket per host for each. */
export const OUTBOX_CONCURRENCY_RANGE = { default: 16, min: 1, max: 256 } as const;

const secretsKeyProblem = (value: string): string | null => {
  try {
    parseSecretsKey(value);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

class WebServicesEnv {
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

  @WholeNumber(1024, 1024 * 1024 * 1024)
  OUTBOUND_MAX_ANSWER_BYTES = 32 * 1024 * 1024;

  @WholeNumber(OUTBOX_CONCURRENCY_RANGE.min, OUTBOX_CONCURRENCY_RANGE.max)
  OUTBOX_CONCURRENCY = OUTBOX_CONCURRENCY_RANGE.default;
}

export function loadWebServicesConfig(env: NodeJS.ProcessEnv = process.env) {
  const vars = readEnv(WebServicesEnv, env);
  return {
    secretsKey: vars.SECRETS_KEY,
    /** Largest answer read from a web service, bytes. */
    maxAnswerBytes: vars.OUTBOUND_MAX_ANSWER_BYTES,
    /** Calls in flight at once that the keep-alive pools must serve without queueing. */
    concurrentCalls: vars.OUTBOX_CONCURRENCY,
  };
}

export const webServicesConfig = registerAs('webServices', () => loadWebServicesConfig(process.env));
export type WebServicesConfig = ConfigType<typeof webServicesConfig>;
