import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { Omittable } from '../../common/omittable.decorator';
import { PLANNED_ACTIONS, PlannedAction } from '../../engine/inbound.types';
import type { DryRunItem, DryRunReceive, DryRunSend, DryRunView, FieldChange, SendPlanAction } from '../dry-run.view';
import { SEND_PLAN_ACTIONS } from '../dry-run.view';

/** POST /api/sync-objects/:id/dry-run (paging in the query: limit, offset). */
export class DryRunDto {
  @ApiPropertyOptional({
    default: true,
    description: 'false: plan only the sending (receiving is allowed only where the web service needs confirmation)',
  })
  @Omittable()
  @IsBoolean()
  receive?: boolean;
}

/** Any JSON value (a field's value). */
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

export class FieldChangeResponse implements FieldChange {
  @ApiProperty({ example: 'name' }) field!: string;
  @ApiProperty({ ...ANY_VALUE, description: 'The value now (null for a create)' }) old!: unknown;
  @ApiProperty({ ...ANY_VALUE, description: 'The value it would get' }) new!: unknown;
}

export class SendBodyResponse {
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) action!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) values!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) external_id!: string | null;
}

export class DryRunItemResponse implements DryRunItem {
  @ApiProperty({ enum: ['receive', 'send'] }) direction!: 'receive' | 'send';
  @ApiProperty({ description: 'Position within its direction' }) index!: number;
  @ApiProperty({ enum: [...new Set([...PLANNED_ACTIONS, ...SEND_PLAN_ACTIONS])] }) action!: PlannedAction | SendPlanAction;
  @ApiProperty({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) recordId!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'skip / fail: why' }) reason!: string | null;
  @ApiProperty({ type: [FieldChangeResponse], description: 'receive: the fields it would change (create: every value it sets)' })
  changes!: FieldChangeResponse[];
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'receive, bidirectional: the merge decisions when the item meets an unsent local change',
  })
  merge!: unknown;
  @ApiProperty({ type: SendBodyResponse, nullable: true, description: 'send: the request that would go out' })
  body!: SendBodyResponse | null;
  @ApiProperty({ type: Number, nullable: true, description: 'send: the outbox row' }) outboxId!: number | null;
}

export class ReceiveCountsResponse implements Record<PlannedAction, number> {
  @ApiProperty() create!: number;
  @ApiProperty() write!: number;
  @ApiProperty() unlink!: number;
  @ApiProperty() skip!: number;
  @ApiProperty() fail!: number;
}

export class SendCountsResponse implements Record<SendPlanAction, number> {
  @ApiProperty() create!: number;
  @ApiProperty() update!: number;
  @ApiProperty() delete!: number;
  @ApiProperty() skip!: number;
}

export class GuardVerdictResponse {
  @ApiProperty() held!: boolean;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class DryRunReceiveResponse implements DryRunReceive {
  @ApiProperty({ description: 'Whether a batch was received' }) performed!: boolean;
  @ApiProperty({ description: 'Why nothing was received, or that no confirmation was sent' }) note!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The receive call failed: why' }) error!: string | null;
  @ApiProperty({ type: ReceiveCountsResponse }) counts!: ReceiveCountsResponse;
  @ApiProperty({ type: GuardVerdictResponse, nullable: true, description: 'The mass-change guard on this plan (null: no run guard)' })
  guard!: GuardVerdictResponse | null;
}

export class DryRunSendResponse implements DryRunSend {
  @ApiProperty() performed!: boolean;
  @ApiProperty({ type: SendCountsResponse }) counts!: SendCountsResponse;
}

export class DryRunResponse implements DryRunView {
  @ApiProperty() syncObjectId!: number;
  @ApiProperty({ type: DryRunReceiveResponse }) receive!: DryRunReceiveResponse;
  @ApiProperty({ type: DryRunSendResponse }) send!: DryRunSendResponse;
  @ApiProperty({ type: [DryRunItemResponse], description: 'This page of the items, receive first, then send' })
  items!: DryRunItemResponse[];
  @ApiProperty({ description: 'Items in the plan' }) total!: number;
}
