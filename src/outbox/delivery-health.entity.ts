import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per web service: consecutive delivery failures and the circuit breaker's pause (shared by all instances). */
@Entity('delivery_health')
export class DeliveryHealthEntity {
  @PrimaryColumn({ type: 'integer' })
  webServiceId!: number;

  @Column({ type: 'integer' })
  consecutiveFailures!: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  pausedUntil!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastErrorAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastSuccessAt!: Date | null;

  /** Consecutive "service unavailable" answers (delivery-outcome.ts): > 0 while the web service is in an outage. */
  @Column({ type: 'integer', default: 0 })
  outageFailures!: number;
}
