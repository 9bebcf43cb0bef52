import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTBOX_STATUSES, OutboxEntity, OutboxKind, OutboxStatus } from '../../sync-state/outbox.entity';

/** One outbound change as GET /api/outbox shows it (OpenAPI description of the stored row). */
export class OutboxRowView implements OutboxEntity {
  @ApiProperty() id!: number;
  @ApiProperty() syncObjectId!: number;
  @ApiProperty() webServiceId!: number;
  @ApiProperty({ example: 'res.partner' }) model!: string;
  @ApiProperty() recordId!: number;
  @ApiProperty({ enum: ['upsert', 'delete'], description: 'upsert becomes create or update at delivery' }) kind!: OutboxKind;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status!: OutboxStatus;
  @ApiProperty({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ type: [String], description: 'Fields changed (unioned when updates coalesce)' }) changedFields!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Deletes: the mapped values at deletion' })
  snapshot!: Record<string, unknown> | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, format: 'date-time' }) nextAttemptAt!: Date;
  @ApiProperty({ type: String, nullable: true, description: 'The instance holding the lease' }) leaseOwner!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) leaseUntil!: Date | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastHttpStatus!: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: Date | null;
}

export class OutboxPageView {
  @ApiProperty({ type: [OutboxRowView] }) items!: OutboxRowView[];
  @ApiProperty({ description: 'Rows matching the filters (ignoring limit/offset)' }) total!: number;
}

export class RetriedView {
  @ApiProperty({ description: 'Dead rows put back in the queue (0 in a preview)' }) retried!: number;
  @ApiPropertyOptional({ description: 'Set when the call was a preview: nothing moved' }) preview?: boolean;
  @ApiPropertyOptional({ description: 'Preview: how many dead rows the call would put back in the queue' }) wouldRetry?: number;
  @ApiPropertyOptional({ type: [OutboxRowView], description: 'Preview: those rows, oldest first (the first 500)' })
  items?: OutboxRowView[];
}

export class QueuedView {
  @ApiProperty({ description: 'Local records queued for sending' }) queued!: number;
}
