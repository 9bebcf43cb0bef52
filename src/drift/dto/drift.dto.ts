import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/page.query';
import { SCHEMA_DRIFT_POLICIES, SchemaDriftPolicy } from '../../sync-objects/sync-object.types';
import { DRIFT_KINDS, DriftKind } from '../drift-detector';
import type { DriftEntryView, DriftPageView } from '../drift.service';

/** GET /api/sync-objects/:id/drift: most recently seen first. */
export class ListDriftQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DRIFT_KINDS })
  @IsOptional()
  @IsIn(DRIFT_KINDS)
  kind?: DriftKind;
}

export class DriftEntryResponse implements DriftEntryView {
  @ApiProperty({ example: 'fax', description: 'The external field (payload key)' }) field!: string;
  @ApiProperty({
    enum: DRIFT_KINDS,
    description:
      'unknown_key: the sync model does not define it; missing_field: a mapped field received before stopped arriving; ' +
      'type_mismatch: a value that does not fit its field (the item failed)',
  })
  kind!: DriftKind;
  @ApiProperty({ type: String, format: 'date-time' }) firstSeenAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) lastSeenAt!: Date;
  @ApiProperty({ example: 12, description: 'Items it was seen in' }) count!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '"555-0100"',
    description:
      'The latest value received, as JSON, cut to 120 characters; `[secret]` for a field named like a secret; null for a missing field',
  })
  example!: string | null;
}

export class DriftPageResponse implements DriftPageView {
  @ApiProperty({ type: [DriftEntryResponse] }) items!: DriftEntryResponse[];
  @ApiProperty() total!: number;
  @ApiProperty({ enum: SCHEMA_DRIFT_POLICIES, description: "The object's schema drift policy" }) policy!: SchemaDriftPolicy;
}
