import { Injectable } from '@nestjs/common';
import { ModelRegistry } from '../odoo/model.registry';
import { SettingsService } from '../settings/settings.service';
import { toChangeLogRow } from './change-log-entry';
import { ChangeLogRepository } from './change-log.repository';
import { NewChangeLogEntry } from './change-log.types';

/**
 * Writes the change log, in the ambient transaction (UnitOfWork) that makes
 * the change, so the log row commits (or rolls back) together with it.
 * With "Generate Logs" off only failures are written: they are the rows someone
 * has to act on.
 */
@Injectable()
export class ChangeLogService {
  constructor(
    private readonly repository: ChangeLogRepository,
    private readonly settings: SettingsService,
    private readonly registry: ModelRegistry,
  ) {}

  record(entry: NewChangeLogEntry): Promise<void> {
    return this.recordMany([entry]);
  }

  /** Many entries in as few multi-row INSERTs as possible (the cron pull logs thousands at once). */
  async recordMany(entries: readonly NewChangeLogEntry[]): Promise<void> {
    if (!entries.length) return;
    const { generateLogs } = await this.settings.get();
    const kept = generateLogs ? entries : entries.filter((entry) => entry.status !== 'success');
    if (!kept.length) return;
    const now = new Date();
    const describe = (model: string) => this.registry.find(model)?.description;
    await this.repository.insertMany(kept.map((entry) => toChangeLogRow(entry, now, describe)));
  }
}
