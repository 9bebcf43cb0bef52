import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { SETTINGS_ROW_ID, SettingsEntity } from './settings.entity';
import { DEFAULT_SETTINGS, Settings } from './settings.types';

/** Reads and writes the single settings row. */
@Injectable()
export class SettingsRepository {
  /** Reads inside a running transaction use its connection (never a second pooled one). */
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** The stored settings; the defaults if the row is missing (e.g. deleted by hand). */
  async read(): Promise<Settings> {
    const row = await this.unitOfWork.manager().getRepository(SettingsEntity).findOneBy({ id: SETTINGS_ROW_ID });
    if (!row) return { ...DEFAULT_SETTINGS };
    return {
      generateLogs: row.generateLogs,
      logRetentionDays: row.logRetentionDays,
      outboxMaxAttempts: row.outboxMaxAttempts,
      alertWebhookUrl: row.alertWebhookUrl ?? null,
      pauseAfterFailedRuns: row.pauseAfterFailedRuns ?? null,
    };
  }

  /** Apply a partial change inside the caller's transaction (re-creating the row if it is missing). */
  async write(changes: Partial<Settings>): Promise<void> {
    const repository = this.unitOfWork.manager().getRepository(SettingsEntity);
    const writeDate = new Date();
    const exists = await repository.existsBy({ id: SETTINGS_ROW_ID });
    if (exists) await repository.update({ id: SETTINGS_ROW_ID }, { ...changes, writeDate });
    else await repository.insert({ ...DEFAULT_SETTINGS, ...changes, id: SETTINGS_ROW_ID, writeDate });
  }
}
