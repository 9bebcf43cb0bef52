import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ALERT_KINDS, ALERT_LEVELS, AlertKind, AlertLevel } from '../alert.rules';
import type { AlertView } from '../alerts.service';

/** GET /api/alerts: optional filters. */
export class ListAlertsQuery {
  @ApiPropertyOptional({ enum: ALERT_LEVELS, description: 'Only subjects in this state' })
  @IsOptional()
  @IsIn(ALERT_LEVELS)
  level?: AlertLevel;

  @ApiPropertyOptional({ enum: ALERT_KINDS, description: 'Only sync objects or only web services' })
  @IsOptional()
  @IsIn(ALERT_KINDS)
  kind?: AlertKind;
}

/** The alert state of one sync object or web service (OpenAPI description of `AlertView`). */
export class AlertResponse implements AlertView {
  @ApiProperty({ example: 'sync-object:12' }) subject!: string;
  @ApiProperty({ enum: ALERT_KINDS }) kind!: AlertKind;
  @ApiProperty({ description: 'The sync object or web service id' }) id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ALERT_LEVELS }) level!: AlertLevel;
  @ApiProperty({ type: [String], description: 'Why (one sentence per rule that fired; empty when ok)' }) reasons!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the level last changed' }) since!: Date | null;
  @ApiProperty({ description: 'Deactivated by the alerts after failed runs (pauseAfterFailedRuns)' }) autoPaused!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last notification was not delivered' }) notifyError!: string | null;
}

export class AlertListView {
  @ApiProperty({ type: [AlertResponse] }) items!: AlertResponse[];
}
