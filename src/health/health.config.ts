/** Shutdown and readiness (SHUTDOWN_GRACE_MS), registered as the `health` configuration. */
import { ConfigType, registerAs } from '@nestjs/config';
import { readEnv, WholeNumber } from '../config/env';

class HealthEnv {
  /**
   * At SIGTERM, /health/ready answers 503 at once; the instance then keeps serving this long
   * before it stops taking work and closes its connections (so a load balancer sees it leave).
   */
  @WholeNumber(0, 600_000)
  SHUTDOWN_GRACE_MS = 0;
}

export function loadHealthConfig(env: NodeJS.ProcessEnv = process.env) {
  const vars = readEnv(HealthEnv, env);
  return { shutdownGraceMs: vars.SHUTDOWN_GRACE_MS };
}

export const healthConfig = registerAs('health', () => loadHealthConfig(process.env));
export type HealthConfig = ConfigType<typeof healthConfig>;
