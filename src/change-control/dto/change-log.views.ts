import { ApiProperty } from '@nestjs/swagger';
import {
  CHANGE_ACTIONS,
  CHANGE_DIRECTIONS,
  CHANGE_STATUSES,
  CHANGE_TRIGGERS,
  ChangeAction,
  ChangeDirection,
  ChangeLogView,
  ChangeStatus,
  ChangeTrigger,
} from '../change-log.types';

/** OpenAPI description of one change-log entry (the seed's change-control columns plus extras). */
export class ChangeLogEntryView implements ChangeLogView {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: CHANGE_DIRECTIONS, description: 'Traceability' }) direction!: ChangeDirection;
  @ApiProperty({ enum: CHANGE_ACTIONS, description: 'Type of action' }) action!: ChangeAction;
  @ApiProperty({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) odooId!: number | null;
  @ApiProperty({ example: 'Create Contact', description: 'Name of the action' }) name!: string;
  @ApiProperty({ type: String, nullable: true, description: "The record's display name" }) title!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'Values received from the origin' })
  originValues!: unknown;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'Values sent to the destination' })
  destinationValues!: unknown;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) modifiedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) syncedAt!: string;
  @ApiProperty({ enum: CHANGE_STATUSES }) status!: ChangeStatus;
  @ApiProperty({ type: String, nullable: true }) errorMessage!: string | null;
  @ApiProperty({ type: Number, nullable: true }) syncObjectId!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'res.partner' }) model!: string | null;
  @ApiProperty({ enum: CHANGE_TRIGGERS }) trigger!: ChangeTrigger;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
}

export class ChangeLogPageView {
  @ApiProperty({ type: [ChangeLogEntryView] }) items!: ChangeLogEntryView[];
  @ApiProperty({ description: 'Rows matching the filters (ignoring offset/beforeId); at most 10000 when totalIsEstimate' }) total!: number;
  @ApiProperty({ description: 'true: at least `total` rows match (counting stopped there)' }) totalIsEstimate!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'beforeId for the next page; null on the last page' }) nextBeforeId!:
    number | null;
}

export class PurgeResultView {
  @ApiProperty({ description: 'Rows deleted by this run' }) deleted!: number;
}
