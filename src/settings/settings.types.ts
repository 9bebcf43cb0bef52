/** The service-wide settings (the seed's "Settings" page, minus the API keys, which api-keys owns). */
export interface Settings {
  /** The seed's "Generate Logs": when off, successful synchronizations are not logged (failures always are). */
  generateLogs: boolean;
  /** Change-log rows older than this many days are purged daily. */
  logRetentionDays: number;
  /** Outbound deliveries give up (and log a failure) after this many attempts. */
  outboxMaxAttempts: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  generateLogs: true,
  logRetentionDays: 90,
  outboxMaxAttempts: 12,
});

export const SETTINGS_LIMITS = {
  logRetentionDays: { min: 1, max: 3650 },
  outboxMaxAttempts: { min: 1, max: 100 },
} as const;
