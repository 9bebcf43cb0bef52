import { ApiProperty, ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';

/** GET /health when the service and its database are up. */
export class HealthView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ enum: ['sqlite', 'mysql'], description: 'Which database this instance uses' }) database!: string;
}

/** GET /health/live. */
export class LiveView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

const CHECKS = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down', 'degraded'] } },
    additionalProperties: true,
  },
  description: 'Per check (shutdown, database, migrations, dispatcher, scheduler): status and details',
} as ApiPropertyOptions;

/** GET /health/ready when every check is up (terminus' answer); otherwise 503 HEALTH.NOT_READY. */
export class ReadinessView {
  @ApiProperty({ enum: ['ok', 'error', 'degraded'] }) status!: string;
  @ApiPropertyOptional(CHECKS) info?: Record<string, unknown>;
  @ApiPropertyOptional(CHECKS) error?: Record<string, unknown>;
  @ApiProperty(CHECKS) details!: Record<string, unknown>;
}
