import { Omittable } from '../../common/omittable.decorator';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { cronExpressionProblem, timeZoneProblem } from '../schedule';
import {
  Direction,
  DIRECTIONS,
  ENDPOINT_ACTIONS,
  EndpointAction,
  MAPPING_DIRECTIONS,
  MappingDirection,
  MODES,
  Priority,
  PRIORITIES,
  SCHEDULE_UNITS,
  SCHEMA_DRIFT_POLICIES,
  SchemaDriftPolicy,
  ScheduleUnit,
  SyncMode,
} from '../sync-object.types';
import { MAX_ID } from '../../common/page.query';
import { SyncGuardDto } from './guard.dto';

export class FieldMappingDto {
  @ApiProperty({ example: 'country_id', description: 'Field of the Odoo model' })
  @IsString()
  @Length(1, 64)
  odooField!: string;

  @ApiProperty({ example: 'country', description: 'Field of the sync model (external system)' })
  @IsString()
  @Length(1, 64)
  externalField!: string;

  @ApiPropertyOptional({
    example: 'code',
    type: String,
    nullable: true,
    description: 'Relational fields only: the target field the external value refers to',
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @Length(1, 64)
  referenceField?: string | null;

  @ApiPropertyOptional({
    enum: MAPPING_DIRECTIONS,
    default: 'both',
    description:
      'Field ownership in a bidirectional object: odoo_to_external (Odoo owns it: inbound values are ignored), ' +
      'external_to_odoo (the external system owns it: never sent), both',
  })
  @Omittable()
  @IsIn(MAPPING_DIRECTIONS)
  direction?: MappingDirection;
}

/** Refuses a value that is given together with `cron` (a schedule is an interval or a cron expression, not both). */
const NotWithCron = () =>
  ValidateBy({
    name: 'notWithCron',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => (args?.object as ScheduleDto).cron == null,
      defaultMessage: (args?: ValidationArguments) => `${args?.property} cannot be combined with cron`,
    },
  });

const Checked = (name: string, problem: (value: string) => string | null) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && problem(value) === null,
      defaultMessage: (args?: ValidationArguments) => `${args?.property}: ${problem(String(args?.value))}`,
    },
  });

/** OpenAPI: the interval shape of a schedule (validated by ScheduleDto). */
export class IntervalScheduleDto {
  @ApiProperty({ example: 5, minimum: 1, maximum: 10000, description: 'Every `interval` units' })
  interval!: number;

  @ApiProperty({ enum: SCHEDULE_UNITS, example: 'minutes' })
  unit!: ScheduleUnit;
}

/** OpenAPI: the cron shape of a schedule (validated by ScheduleDto). */
export class CronScheduleDto {
  @ApiProperty({
    example: '0 2 * * 1-5',
    maxLength: 128,
    description: 'Cron expression, five fields: minute hour day-of-month month day-of-week',
  })
  cron!: string;

  @ApiPropertyOptional({
    example: 'Europe/Madrid',
    default: 'UTC',
    maxLength: 64,
    description: 'IANA time zone the cron expression is read in',
  })
  timezone?: string;
}

/** The OpenAPI description of `schedule` in a body: exactly one of the two shapes. */
export const SCHEDULE_BODY_SCHEMA = {
  type: Object,
  oneOf: [{ $ref: getSchemaPath(IntervalScheduleDto) }, { $ref: getSchemaPath(CronScheduleDto) }],
};

/**
 * Either `{interval, unit}` or `{cron, timezone}` (described in OpenAPI as IntervalScheduleDto | CronScheduleDto:
 * this class validates both shapes, field by field, so errors name the field).
 */
export class ScheduleDto {
  @ValidateIf((o: ScheduleDto) => o.cron == null || o.interval !== undefined)
  @NotWithCron()
  @IsInt()
  @Min(1)
  @Max(10000)
  interval?: number;

  @ValidateIf((o: ScheduleDto) => o.cron == null || o.unit !== undefined)
  @NotWithCron()
  @IsIn(SCHEDULE_UNITS)
  unit?: ScheduleUnit;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  @Checked('isCronExpression', cronExpressionProblem)
  cron?: string | null;

  @ValidateIf((o: ScheduleDto) => o.timezone !== undefined)
  @ValidateBy({
    name: 'onlyWithCron',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => (args?.object as ScheduleDto).cron != null,
      defaultMessage: () => 'timezone needs cron',
    },
  })
  @IsString()
  @MaxLength(64)
  @Checked('isTimeZone', timeZoneProblem)
  timezone?: string;
}

export class EndpointDto {
  @ApiProperty({ enum: ENDPOINT_ACTIONS })
  @IsIn(ENDPOINT_ACTIONS)
  action!: EndpointAction;

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @MaxLength(255)
  description?: string;
}

/** When a record counts as flapping (see README "Flapping records"). */
export class FlappingDto {
  @ApiProperty({ example: 6, minimum: 2, maximum: 1000, description: 'Changes going back and forth between the two sides' })
  @IsInt()
  @Min(2)
  @Max(1000)
  changes!: number;

  @ApiProperty({ example: 600, minimum: 1, maximum: 604800, description: 'Within this many seconds: that many changes flag the record' })
  @IsInt()
  @Min(1)
  @Max(604800)
  windowSeconds!: number;
}

@ApiExtraModels(IntervalScheduleDto, CronScheduleDto)
export class CreateSyncObjectDto {
  @ApiProperty({ example: 'Contacto - ENT' })
  @IsString()
  @Length(1, 128)
  name!: string;

  @ApiProperty({ enum: DIRECTIONS })
  @IsIn(DIRECTIONS)
  direction!: Direction;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  webServiceId!: number;

  @ApiProperty({ enum: MODES })
  @IsIn(MODES)
  mode!: SyncMode;

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'odoo', description: 'Which side wins a field changed on both sides (bidirectional)' })
  @Omittable()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiProperty({ example: 'res.partner' })
  @IsString()
  @Length(1, 64)
  odooModel!: string;

  @ApiPropertyOptional({ example: 'x_sys_id', default: 'x_sys_id' })
  @Omittable()
  @IsString()
  @Length(1, 64)
  odooRefField?: string;

  @ApiPropertyOptional({ default: false, description: 'Send deletions of Odoo records to the external system (cron mode)' })
  @Omittable()
  @IsBoolean()
  propagateDeletes?: boolean;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  syncModelId!: number;

  @ApiProperty({ example: 'unique_id' })
  @IsString()
  @Length(1, 64)
  externalRefField!: string;

  @ApiPropertyOptional({ example: "[('customer', '=', True)]", default: '[]' })
  @Omittable()
  @IsString()
  @MaxLength(20000)
  domain?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 10000 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(10000)
  limit?: number;

  @ApiPropertyOptional({ default: false, description: 'Cron: keep receiving batches until one is shorter than the limit' })
  @Omittable()
  @IsBoolean()
  drain?: boolean;

  @ApiProperty({ type: [FieldMappingDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => FieldMappingDto)
  fields!: FieldMappingDto[];

  @ApiPropertyOptional({
    ...SCHEDULE_BODY_SCHEMA,
    description: 'Cron mode: how often the object runs, `{interval, unit}` or `{cron, timezone}` (default every 5 minutes)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto;

  @ApiPropertyOptional({ type: [EndpointDto], description: 'Switch inbound routes on or off' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => EndpointDto)
  endpoints?: EndpointDto[];

  @ApiPropertyOptional({
    type: SyncGuardDto,
    nullable: true,
    description:
      'Mass-change guard: a run whose plan exceeds a threshold is held until released; ' +
      '`{"maxDeletes": {"count": 100, "percent": 20, "windowSeconds": 60}, "maxUpdates": {"percent": 50}}` (null: none)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SyncGuardDto)
  guard?: SyncGuardDto | null;

  @ApiPropertyOptional({
    enum: SCHEMA_DRIFT_POLICIES,
    default: 'warn',
    description:
      'Schema drift in received payloads: ignore (not counted), warn (counted: GET /api/sync-objects/:id/drift), ' +
      'hold (counted, and a cron batch in which a mapped field stopped arriving holds the run, as the guard does)',
  })
  @Omittable()
  @IsIn(SCHEMA_DRIFT_POLICIES)
  schemaDrift?: SchemaDriftPolicy;

  @ApiPropertyOptional({
    type: FlappingDto,
    nullable: true,
    description: 'Bidirectional objects: when a record counts as flapping (null: 6 changes in 600 seconds)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => FlappingDto)
  flapping?: FlappingDto | null;

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}

// A PATCH may leave any property out, but a property it sends is validated: null is not "absent".
export class UpdateSyncObjectDto extends PartialType(CreateSyncObjectDto, { skipNullProperties: false }) {}
