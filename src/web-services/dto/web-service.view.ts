import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUTH_MODES, AuthMode } from '../web-service.rules';
import { WebServiceEntity } from '../web-service.entity';
import { rateLimitOf } from '../outbound/throttle';
import { MAX_CONCURRENCY_DESCRIPTION, RATE_LIMIT_DESCRIPTION, RateLimitDto } from './rate-limit.dto';

/** A web service as the API shows it: whether secrets are set, never their values. */
export class WebServiceView {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty() url!: string;
  @ApiProperty() needsConfirmation!: boolean;
  @ApiProperty({ type: String, nullable: true }) confirmationUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) shippingUrl!: string | null;
  @ApiProperty() needsAuthentication!: boolean;
  @ApiProperty({ enum: AUTH_MODES, nullable: true }) authMode!: AuthMode | null;
  @ApiProperty({ type: String, nullable: true }) username!: string | null;
  @ApiProperty({ description: 'A password is stored (its value is never returned)' }) hasPassword!: boolean;
  @ApiProperty({ description: 'An API key is stored (its value is never returned)' }) hasApiKey!: boolean;
  @ApiProperty({ description: 'Outbound deliveries are signed (the secret is never returned)' }) hasSigningSecret!: boolean;
  @ApiProperty() timeoutMs!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: RateLimitDto, nullable: true, description: RATE_LIMIT_DESCRIPTION }) rateLimit!: RateLimitDto | null;
  @ApiProperty({ type: Number, nullable: true, description: MAX_CONCURRENCY_DESCRIPTION }) maxConcurrency!: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

/** Delivery health of a web service, as the outbox reports it. */
export class WebServiceHealthView {
  @ApiProperty({ enum: ['ok', 'degraded', 'paused'] }) status!: 'ok' | 'degraded' | 'paused';
  @ApiProperty() consecutiveFailures!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set while the circuit breaker pauses deliveries' })
  pausedUntil!: Date | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastErrorAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSuccessAt!: Date | null;
  @ApiProperty({ description: 'Outbox rows waiting for this web service' }) pendingCount!: number;
  @ApiProperty({ type: Number, nullable: true }) oldestPendingAgeSeconds!: number | null;
}

/** GET /api/web-services/:id: the web service with its delivery health. */
export class WebServiceDetailView extends WebServiceView {
  @ApiPropertyOptional({ type: WebServiceHealthView }) health?: WebServiceHealthView;
}

/** The answer of a create or update: the view, plus what a move to a new origin cleared. */
export class WebServiceWriteView extends WebServiceView {
  @ApiPropertyOptional({
    description: 'Secrets cleared because a URL moved to a new origin (scheme, host, port) without them in the same request',
    enum: ['password', 'apiKey', 'signingSecret'],
    isArray: true,
  })
  clearedSecrets?: ('password' | 'apiKey' | 'signingSecret')[];

  @ApiPropertyOptional({ type: [String] }) warnings?: string[];
}

/** The answer of POST /api/web-services/:id/test: a report, even when the service is unreachable. */
export class WebServiceTestReport {
  @ApiProperty({ description: 'The service answered the test call with a 2xx JSON answer' }) reachable!: boolean;
  @ApiProperty({ type: Number, nullable: true }) httpStatus!: number | null;
  @ApiProperty() latencyMs!: number;
  @ApiPropertyOptional({ description: 'The `status` field of the JSON answer (success, failed, error)' }) status?: string;
  @ApiPropertyOptional() error?: string;
  @ApiPropertyOptional({ enum: ['network', 'timeout', 'http', 'malformed_json', 'redirect', 'config'] }) errorKind?: string;
}

export function toWebServiceView(entity: WebServiceEntity): WebServiceView {
  return {
    id: entity.id,
    name: entity.name,
    url: entity.url,
    needsConfirmation: entity.needsConfirmation,
    confirmationUrl: entity.confirmationUrl,
    shippingUrl: entity.shippingUrl,
    needsAuthentication: entity.needsAuthentication,
    authMode: entity.authMode,
    username: entity.username,
    hasPassword: entity.passwordEncrypted !== null,
    hasApiKey: entity.apiKeyEncrypted !== null,
    hasSigningSecret: entity.signingSecretEncrypted !== null,
    timeoutMs: entity.timeoutMs,
    active: entity.active,
    rateLimit: rateLimitOf(entity),
    maxConcurrency: entity.maxConcurrency,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}
