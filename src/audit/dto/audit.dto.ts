import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../../common/page.query';
import { AuditEntryView } from '../audit.service';
import { AUDIT_ACTIONS, AUDIT_ACTORS, AUDIT_RESOURCES, type AuditAction, type AuditActor, type AuditResource } from '../audit.types';

/** GET /api/audit: newest first, filtered by resource and action. */
export class ListAuditQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AUDIT_RESOURCES })
  @IsOptional()
  @IsIn(AUDIT_RESOURCES)
  resourceType?: AuditResource;

  @ApiPropertyOptional({ description: 'With resourceType: one resource (a record: `<model>/<id>`)', example: '3' })
  @IsOptional()
  @IsString()
  @Length(1, 160)
  resourceId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;
}

/** Any JSON value (a field's value): the typed client sees string | number | boolean | object | array | null. */
const ANY_VALUE = {
  type: Object,
  nullable: true,
  oneOf: [
    { type: 'string' as const },
    { type: 'number' as const },
    { type: 'boolean' as const },
    { type: 'object' as const, additionalProperties: true },
    { type: 'array' as const, items: {} },
  ],
};

export class FieldChangeView {
  @ApiPropertyOptional({ ...ANY_VALUE, description: 'Value before (absent on a create); secrets only as "[secret]" or null' })
  from?: unknown;
  @ApiPropertyOptional({ ...ANY_VALUE, description: 'Value after (absent on a delete); secrets only as "[secret]" or null' })
  to?: unknown;
}

export class AuditEntryResponse implements AuditEntryView {
  @ApiProperty() id!: number;
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
  @ApiProperty({ enum: AUDIT_ACTORS, description: '`admin-token`: an /api call; `cli`: the command line on the database' })
  actor!: AuditActor;
  @ApiProperty({ type: String, nullable: true, description: "The HTTP client's address", example: '127.0.0.1' })
  client!: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ enum: AUDIT_RESOURCES }) resourceType!: AuditResource;
  @ApiProperty({ type: String, nullable: true, example: '3' }) resourceId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'apitmt-customers' }) label!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FieldChangeView' },
    description: 'Changed fields: {field: {from, to}}; secrets never appear, only whether they are set',
  })
  diff!: Record<string, FieldChangeView>;
}

export class AuditPageView {
  @ApiProperty({ type: [AuditEntryResponse] }) items!: AuditEntryResponse[];
  @ApiProperty() total!: number;
}
