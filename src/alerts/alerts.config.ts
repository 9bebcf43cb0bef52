/**
 * Alert rules' thresholds and evaluation period (ALERT_* variables), registered as the `alerts` configuration.
 *
 * - ALERT_EVALUATE_MS: how often each instance evaluates the alerts (default 30000; 0 = only after runs).
 * - ALERT_CRITICAL_AFTER_FAILED_RUNS: failed runs in a row that make a sync object critical (default 3).
 * - ALERT_PENDING_WARNING_SECONDS / ALERT_PENDING_CRITICAL_SECONDS: age of a web service's oldest
 *   pending change that makes it warning (default 900) / critical (default 3600).
 * - ALERT_WEBHOOK_TIMEOUT_MS: the notification POST's time limit (default 5000).
 */
import { ConfigType, registerAs } from '@nestjs/config';
import { readEnv, WholeNumber } from '../config/env';
import { DEFAULT_THRESHOLDS } from './alert.rules';

class AlertsEnv {
  @WholeNumber(0, 86_400_000)
  ALERT_EVALUATE_MS = 30_000;

  @WholeNumber(1, 1000)
  ALERT_CRITICAL_AFTER_FAILED_RUNS = DEFAULT_THRESHOLDS.criticalAfterFailedRuns;

  @WholeNumber(1, 31_536_000)
  ALERT_PENDING_WARNING_SECONDS = DEFAULT_THRESHOLDS.pendingWarningSeconds;

  @WholeNumber(1, 31_536_000)
  ALERT_PENDING_CRITICAL_SECONDS = DEFAULT_THRESHOLDS.pendingCriticalSeconds;

  @WholeNumber(100, 60_000)
  ALERT_WEBHOOK_TIMEOUT_MS = 5000;
}

export function loadAlertsConfig(env: NodeJS.ProcessEnv = process.env) {
  const vars = readEnv(AlertsEnv, env);
  return {
    evaluateMs: vars.ALERT_EVALUATE_MS,
    thresholds: {
      criticalAfterFailedRuns: vars.ALERT_CRITICAL_AFTER_FAILED_RUNS,
      pendingWarningSeconds: vars.ALERT_PENDING_WARNING_SECONDS,
      pendingCriticalSeconds: vars.ALERT_PENDING_CRITICAL_SECONDS,
    },
    webhookTimeoutMs: vars.ALERT_WEBHOOK_TIMEOUT_MS,
  };
}

export const alertsConfig = registerAs('alerts', () => loadAlertsConfig(process.env));
export type AlertsConfig = ConfigType<typeof alertsConfig>;
