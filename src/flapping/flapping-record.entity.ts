import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FlapEvent, FlipField } from './flapping-detector';

/** An inbound change held while the record is flagged: the latest one (later ones merged into it). */
export interface HeldInbound {
  action: 'create' | 'write' | 'unlink';
  payload: Record<string, unknown>;
  at: string;
  /** How many inbound changes were held into it. */
  count: number;
}

/**
 * One record of one bidirectional sync object: its recent changes per side (the flapping history) and,
 * once flagged, since when, which fields flip, and the inbound change held meanwhile. Outbound changes of a
 * flagged record wait in the outbox (not claimed) until an admin releases it.
 */
@Entity('sync_flapping')
export class FlappingRecordEntity {
  @PrimaryColumn({ type: 'integer' })
  syncObjectId!: number;

  @PrimaryColumn({ type: 'integer' })
  recordId!: number;

  @Column({ type: 'varchar', length: 128, nullable: true })
  externalId!: string | null;

  @Column({ type: 'simple-json' })
  events!: FlapEvent[];

  @Column({ type: 'datetime', precision: 3, nullable: true })
  flaggedAt!: Date | null;

  @Column({ type: 'simple-json', nullable: true })
  flips!: FlipField[] | null;

  @Column({ type: 'simple-json', nullable: true })
  heldInbound!: HeldInbound | null;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
