import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuthMode } from './web-service.rules';

/**
 * An external endpoint (the seed's "Web Service"). Credentials are stored encrypted
 * (see src/secrets/secrets.cipher.ts); only WebServiceClient decrypts them, at the moment of a call.
 */
@Entity('web_service')
export class WebServiceEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('uq_web_service_name', { unique: true })
  @Column({ type: 'varchar', length: 128 })
  name!: string;

  /** Where records are obtained (the cron receive call). */
  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'boolean', default: false })
  needsConfirmation!: boolean;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  confirmationUrl!: string | null;

  /** Empty only for one-way external → Odoo use. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  shippingUrl!: string | null;

  @Column({ type: 'boolean', default: false })
  needsAuthentication!: boolean;

  @Column({ type: 'varchar', length: 16, nullable: true })
  authMode!: AuthMode | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  username!: string | null;

  /** `v1:<iv>:<tag>:<ciphertext>`, never the password itself. */
  @Column({ type: 'text', nullable: true })
  passwordEncrypted!: string | null;

  /** `v1:<iv>:<tag>:<ciphertext>`, never the key itself. */
  @Column({ type: 'text', nullable: true })
  apiKeyEncrypted!: string | null;

  /** Standard Webhooks signing secret, encrypted like the credentials. */
  @Column({ type: 'text', nullable: true })
  signingSecretEncrypted!: string | null;

  @Column({ type: 'integer', default: 10000 })
  timeoutMs!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** `rateLimit.requests`: with rateLimitPerSeconds, at most this many calls per window (null: no limit). */
  @Column({ type: 'integer', nullable: true })
  rateLimitRequests!: number | null;

  @Column({ type: 'integer', nullable: true })
  rateLimitPerSeconds!: number | null;

  /** Calls in flight at once, per instance (null: no limit). */
  @Column({ type: 'integer', nullable: true })
  maxConcurrency!: number | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
