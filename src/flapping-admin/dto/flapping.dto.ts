import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Omittable } from '../../common/omittable.decorator';
import type { FlapSide } from '../../flapping/flapping-detector';
import type { FlappingPageView, FlappingRecordView, ReleaseView } from '../flapping.views';

const SIDES = ['odoo', 'external'] as const;

export class ReleaseFlappingDto {
  @ApiPropertyOptional({
    enum: SIDES,
    description:
      "Pin one side's value: odoo (Odoo's current state is sent once, the held inbound change dropped), external (the held " +
      'inbound change, or the values last received, written to Odoo once; the held outbox rows retired). Without: both held sides go on',
  })
  @Omittable()
  @IsIn(SIDES)
  pin?: FlapSide;
}

export class FlipValueView {
  @ApiProperty({ enum: SIDES }) side!: FlapSide;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, example: '"a@example.com"', description: 'As JSON, cut to 120 characters' })
  value!: string | null;
}

export class FlipFieldView {
  @ApiProperty({ example: 'email', description: 'External field' }) field!: string;
  @ApiProperty({ type: [FlipValueView], description: 'Its latest changes, oldest first' }) recent!: FlipValueView[];
}

export class HeldInboundView {
  @ApiProperty({ enum: ['create', 'write', 'unlink'] }) action!: 'create' | 'write' | 'unlink';
  @ApiProperty({ description: 'Inbound changes held into it' }) count!: number;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
  @ApiProperty({ type: [String] }) fields!: string[];
}

export class FlappingRecordResponse implements FlappingRecordView {
  @ApiProperty() recordId!: number;
  @ApiProperty({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) flaggedAt!: Date;
  @ApiProperty({ description: 'Changes of side within the window when it was flagged' }) changes!: number;
  @ApiProperty({ type: [FlipFieldView], description: 'The fields that flip, with their recent values' }) fields!: FlipFieldView[];
  @ApiProperty({ type: HeldInboundView, nullable: true, description: 'The inbound change held since (latest values merged)' })
  heldInbound!: HeldInboundView | null;
  @ApiProperty({ description: 'Outbox rows waiting for the release' }) heldOutbox!: number;
}

export class FlappingPageResponse implements FlappingPageView {
  @ApiProperty({ type: [FlappingRecordResponse] }) items!: FlappingRecordResponse[];
  @ApiProperty() total!: number;
}

export class ReleaseResponse implements ReleaseView {
  @ApiProperty() recordId!: number;
  @ApiProperty({ enum: SIDES, nullable: true }) pin!: FlapSide | null;
  @ApiProperty({ description: 'The held (or, pinning external, last received) inbound change was applied' }) inboundApplied!: boolean;
  @ApiPropertyOptional({ description: 'Why applying it failed (also in the change log)' }) inboundError?: string;
  @ApiProperty({ description: 'Held outbox rows retired (pin external)' }) outboxRetired!: number;
  @ApiProperty({ description: "Rows queued to send Odoo's state (pin odoo)" }) outboxQueued!: number;
}
