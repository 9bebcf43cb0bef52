import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CallKind } from './outbound/call-record';

/** One call to a web service as the API inspector keeps it (already sanitized: see call-record.ts). */
@Entity('web_service_call')
export class WebServiceCallEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  webServiceId!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: CallKind;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'integer', nullable: true })
  status!: number | null;

  @Column({ type: 'varchar', length: 32 })
  outcome!: string;

  @Column({ type: 'varchar', length: 512, nullable: true })
  error!: string | null;

  @Column({ type: 'integer' })
  durationMs!: number;

  @Column({ type: 'simple-json' })
  requestHeaders!: Record<string, string>;

  @Column({ type: 'text', nullable: true })
  requestBody!: string | null;

  @Column({ type: 'boolean' })
  requestTruncated!: boolean;

  @Column({ type: 'text', nullable: true })
  responseBody!: string | null;

  @Column({ type: 'boolean' })
  responseTruncated!: boolean;
}
