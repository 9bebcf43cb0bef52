import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AlertLevel } from './alert.rules';

/**
 * The alert state of one subject (`sync-object:12`, `web-service:3`), shared by every
 * instance. `version` grows with every notified change: an instance sends a notification
 * only when its conditional UPDATE (WHERE version = the one it read) changed the row.
 */
@Entity('alert_state')
export class AlertStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  subject!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: AlertLevel;

  @Column({ type: 'simple-json' })
  reasons!: string[];

  @Column({ type: 'integer' })
  version!: number;

  /** When the level last changed. */
  @Column({ type: 'datetime', precision: 3 })
  since!: Date;

  /** Last evaluation that changed anything. */
  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;

  /** Sync objects: when the alerts deactivated it (pauseAfterFailedRuns); runs before it no longer count. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  pausedAt!: Date | null;

  /** The object is inactive because the alerts deactivated it (cleared once it is active again). */
  @Column({ type: 'boolean' })
  autoPaused!: boolean;

  /** The last notification's outcome (null: sent, or none yet). */
  @Column({ type: 'text', nullable: true })
  notifyError!: string | null;
}
