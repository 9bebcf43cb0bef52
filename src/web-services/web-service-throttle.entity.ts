import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A throttled web service's shared call schedule (see outbound/throttle.ts): its next free slot. */
@Entity('web_service_throttle')
export class WebServiceThrottleEntity {
  @PrimaryColumn({ type: 'integer' })
  webServiceId!: number;

  /** Epoch ms; BIGINT (read back as text on MySQL, hence the transformer). */
  @Column({ type: 'bigint', default: 0, transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) } })
  nextSlotMs!: number;
}
