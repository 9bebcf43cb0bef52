import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row (id 1) of the `settings` table; seeded with the defaults by its migration. */
@Entity('settings')
export class SettingsEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'boolean' })
  generateLogs!: boolean;

  @Column({ type: 'integer' })
  logRetentionDays!: number;

  @Column({ type: 'integer' })
  outboxMaxAttempts!: number;

  /** Encrypted (SecretsCipher); SettingsRepository seals and opens it. */
  @Column({ type: 'text', nullable: true })
  alertWebhookUrl!: string | null;

  @Column({ type: 'integer', nullable: true })
  pauseAfterFailedRuns!: number | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  writeDate!: Date | null;
}

export const SETTINGS_ROW_ID = 1;
