import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { SyncGuardDto } from './guard.dto';
import type { EndpointView, SyncObjectView } from '../sync-object.view';
import {
  Direction,
  DIRECTIONS,
  ENDPOINT_ACTIONS,
  EndpointAction,
  FieldMapping,
  MAPPING_DIRECTIONS,
  MappingDirection,
  MODES,
  FlappingPolicy,
  Priority,
  PRIORITIES,
  SCHEDULE_UNITS,
  SCHEMA_DRIFT_POLICIES,
  SchemaDriftPolicy,
  ScheduleUnit,
  SyncMode,
} from '../sync-object.types';

export class FieldMappingView implements FieldMapping {
  @ApiProperty({ example: 'country_id' }) odooField!: string;
  @ApiProperty({ example: 'country' }) externalField!: string;
  @ApiProperty({ type: String, nullable: true, example: 'code' }) referenceField!: string | null;
  @ApiProperty({ enum: MAPPING_DIRECTIONS, description: 'Field ownership: which way the mapping travels' })
  direction!: MappingDirection;
}

export class IntervalScheduleView {
  @ApiProperty({ example: 5 }) interval!: number;
  @ApiProperty({ enum: SCHEDULE_UNITS }) unit!: ScheduleUnit;
}

export class CronScheduleView {
  @ApiProperty({ example: '0 2 * * 1-5' }) cron!: string;
  @ApiProperty({ example: 'Europe/Madrid' }) timezone!: string;
}

export class FlappingPolicyView implements FlappingPolicy {
  @ApiProperty({ example: 6 }) changes!: number;
  @ApiProperty({ example: 600 }) windowSeconds!: number;
}

/** One row of the seed's API tab. */
export class EndpointRowView implements EndpointView {
  @ApiProperty({ enum: ENDPOINT_ACTIONS }) action!: EndpointAction;
  @ApiProperty({ enum: ['POST', 'PUT', 'DELETE'] }) method!: 'POST' | 'PUT' | 'DELETE';
  @ApiProperty({ example: 'http://localhost:8071/sync/CON/create', description: "Built from PUBLIC_URL and the sync model's code" })
  url!: string;
  @ApiProperty({ example: 'Pass dict of values in data.' }) description!: string;
  @ApiProperty() active!: boolean;
}

/** A sync object as the API answers it (OpenAPI description of `SyncObjectView`). */
@ApiExtraModels(IntervalScheduleView, CronScheduleView)
export class SyncObjectResponse implements SyncObjectView {
  @ApiProperty() id!: number;
  @ApiProperty({ example: 'Contacto - ENT' }) name!: string;
  @ApiProperty({ enum: DIRECTIONS }) direction!: Direction;
  @ApiProperty() webServiceId!: number;
  @ApiProperty({ enum: MODES }) mode!: SyncMode;
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
  @ApiProperty({ example: 'res.partner' }) odooModel!: string;
  @ApiProperty({ example: 'x_sys_id' }) odooRefField!: string;
  @ApiProperty() propagateDeletes!: boolean;
  @ApiProperty() syncModelId!: number;
  @ApiProperty({ type: String, nullable: true, example: 'CON' }) syncModelCode!: string | null;
  @ApiProperty({ example: 'unique_id' }) externalRefField!: string;
  @ApiProperty({ example: "[('customer', '=', True)]" }) domain!: string;
  @ApiProperty({ example: 100 }) limit!: number;
  @ApiProperty() drain!: boolean;
  @ApiProperty({ type: [FieldMappingView] }) fields!: FieldMappingView[];
  @ApiProperty({ type: Object, oneOf: [{ $ref: getSchemaPath(IntervalScheduleView) }, { $ref: getSchemaPath(CronScheduleView) }] })
  schedule!: IntervalScheduleView | CronScheduleView;
  @ApiProperty({ type: [EndpointRowView] }) endpoints!: EndpointRowView[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Cron mode: when the next run is due' })
  nextRunAt!: Date | null;
  @ApiProperty({ type: SyncGuardDto, nullable: true, description: 'Mass-change guard (null: none)' })
  guard!: SyncGuardDto | null;
  @ApiProperty({ enum: SCHEMA_DRIFT_POLICIES, description: 'Schema drift policy' }) schemaDrift!: SchemaDriftPolicy;
  @ApiProperty({ type: FlappingPolicyView, nullable: true, description: 'Flapping thresholds (null: 6 changes in 600 seconds)' })
  flapping!: FlappingPolicyView | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}
