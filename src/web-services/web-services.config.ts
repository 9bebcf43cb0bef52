/**
 * The web-services feature's variables, registered as the `webServices` configuration:
 * the outbound HTTP client's limits (SECRETS_KEY is the secrets module's).
 */
import { ConfigType, registerAs } from '@nestjs/config';
import { readEnv, WholeNumber } from '../config/env';

/** OUTBOX_CONCURRENCY: the outbox's deliveries in flight; the client keeps a socket per host for each. */
export const OUTBOX_CONCURRENCY_RANGE = { default: 16, min: 1, max: 256 } as const;

class WebServicesEnv {
  @WholeNumber(1024, 1024 * 1024 * 1024)
  OUTBOUND_MAX_ANSWER_BYTES = 32 * 1024 * 1024;

  @WholeNumber(OUTBOX_CONCURRENCY_RANGE.min, OUTBOX_CONCURRENCY_RANGE.max)
  OUTBOX_CONCURRENCY = OUTBOX_CONCURRENCY_RANGE.default;
}

export function loadWebServicesConfig(env: NodeJS.ProcessEnv = process.env) {
  const vars = readEnv(WebServicesEnv, env);
  return {
    /** Largest answer read from a web service, bytes. */
    maxAnswerBytes: vars.OUTBOUND_MAX_ANSWER_BYTES,
    /** Calls in flight at once that the keep-alive pools must serve without queueing. */
    concurrentCalls: vars.OUTBOX_CONCURRENCY,
  };
}

export const webServicesConfig = registerAs('webServices', () => loadWebServicesConfig(process.env));
export type WebServicesConfig = ConfigType<typeof webServicesConfig>;
