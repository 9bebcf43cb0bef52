import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { SecretsCipher } from '../secrets/secrets.cipher';
import { SETTINGS_ROW_ID, SettingsEntity } from './settings.entity';
import { DEFAULT_SETTINGS, Settings } from './settings.types';

/** Bound as associated data: the sealed URL cannot be moved into another secret's column. */
const WEBHOOK_CONTEXT = 'settings.alert_webhook_url';
/** What SecretsCipher writes; a stored URL without it is from before the URL was sealed. */
const SEALED_PREFIX = 'v1:';

/** Reads and writes the single settings row; the alert webhook URL is stored encrypted (a Slack URL carries its token). */
@Injectable()
export class SettingsRepository {
  private readonly logger = new Logger('Settings');

  /** Reads inside a running transaction use its connection (never a second pooled one). */
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cipher: SecretsCipher,
  ) {}

  /** The stored settings; the defaults if the row is missing (e.g. deleted by hand). */
  async read(): Promise<Settings> {
    const row = await this.row();
    if (!row) return { ...DEFAULT_SETTINGS };
    return {
      generateLogs: row.generateLogs,
      logRetentionDays: row.logRetentionDays,
      outboxMaxAttempts: row.outboxMaxAttempts,
      alertWebhookUrl: this.openWebhookUrl(row.alertWebhookUrl ?? null),
      pauseAfterFailedRuns: row.pauseAfterFailedRuns ?? null,
    };
  }

  /** Apply a partial change inside the caller's transaction (re-creating the row if it is missing). */
  async write(changes: Partial<Settings>): Promise<void> {
    const repository = this.unitOfWork.manager().getRepository(SettingsEntity);
    const writeDate = new Date();
    const stored = { ...changes };
    if (typeof stored.alertWebhookUrl === 'string') stored.alertWebhookUrl = this.cipher.encrypt(stored.alertWebhookUrl, WEBHOOK_CONTEXT);
    const exists = await repository.existsBy({ id: SETTINGS_ROW_ID });
    if (exists) await repository.update({ id: SETTINGS_ROW_ID }, { ...stored, writeDate });
    else await repository.insert({ ...DEFAULT_SETTINGS, ...stored, id: SETTINGS_ROW_ID, writeDate });
  }

  /** A webhook URL an earlier version stored in clear (not sealed yet), or null. */
  async legacyWebhookUrl(): Promise<string | null> {
    const url = (await this.row())?.alertWebhookUrl ?? null;
    return url === null || url.startsWith(SEALED_PREFIX) ? null : url;
  }

  private row(): Promise<SettingsEntity | null> {
    return this.unitOfWork.manager().getRepository(SettingsEntity).findOneBy({ id: SETTINGS_ROW_ID });
  }

  /** Unreadable (SECRETS_KEY changed): no notifications until it is set again, said once per read, never the value. */
  private openWebhookUrl(stored: string | null): string | null {
    if (stored === null || !stored.startsWith(SEALED_PREFIX)) return stored;
    try {
      return this.cipher.decrypt(stored, WEBHOOK_CONTEXT);
    } catch (error) {
      this.logger.warn(`alertWebhookUrl cannot be read (${(error as Error).message}); set it again or restore SECRETS_KEY`);
      return null;
    }
  }
}
