/** Prometheus metrics (METRICS, METRICS_PUBLIC), registered as the `metrics` configuration. */
import { ConfigType, registerAs } from '@nestjs/config';
import { IsIn } from 'class-validator';
import { OnOff, readEnv } from '../config/env';

class MetricsEnv {
  /** Collect metrics and serve GET /metrics (off: nothing is measured, /metrics answers 404). */
  @OnOff()
  METRICS = 'on';

  /** true: GET /metrics needs no admin token (scrapers inside a trusted network). */
  @IsIn(['true', 'false'], { message: 'expected true or false' })
  METRICS_PUBLIC = 'false';
}

export function loadMetricsConfig(env: NodeJS.ProcessEnv = process.env) {
  const vars = readEnv(MetricsEnv, env);
  return {
    enabled: vars.METRICS === 'on',
    public: vars.METRICS_PUBLIC === 'true',
  };
}

export const metricsConfig = registerAs('metrics', () => loadMetricsConfig(process.env));
export type MetricsConfig = ConfigType<typeof metricsConfig>;
