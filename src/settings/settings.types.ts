/** The service-wide settings (the seed's "Settings" page, minus the API keys, which api-keys owns). */
export interface Settings {
  /** The seed's "Generate Logs": when off, successful synchronizations are not logged (failures always are). */
  generateLogs: boolean;
  /** Change-log rows older than this many days are purged daily. */
  logRetentionDays: number;
  /** Outbound deliveries give up (and log a failure) after this many attempts. */
  outboxMaxAttempts: number;
  /** Alert notifications (a change of an alert's state) are POSTed here, Slack-compatible; null: none are sent. */
  alertWebhookUrl: string | null;
  /** A sync object is deactivated after this many failed runs in a row; null: never. */
  pauseAfterFailedRuns: number | null;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  generateLogs: true,
  logRetentionDays: 90,
  outboxMaxAttempts: 12,
  alertWebhookUrl: null,
  pauseAfterFailedRuns: null,
});

export const SETTINGS_LIMITS = {
  logRetentionDays: { min: 1, max: 3650 },
  outboxMaxAttempts: { min: 1, max: 100 },
  pauseAfterFailedRuns: { min: 1, max: 1000 },
  alertWebhookUrl: { maxLength: 2000 },
} as const;
