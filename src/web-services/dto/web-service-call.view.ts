import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CALL_KINDS, CallKind } from '../outbound/call-record';
import { CALLS_KEPT } from '../web-service-call.recorder';
import { WebServiceCallEntity } from '../web-service-call.entity';

/** Paging of the inspector: within the newest CALLS_KEPT calls. */
export class ListWebServiceCallsQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: CALLS_KEPT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CALLS_KEPT)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: CALLS_KEPT - 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(CALLS_KEPT - 1)
  offset?: number;
}

export interface WebServiceCall {
  id: number;
  kind: CallKind;
  at: Date;
  method: 'POST';
  url: string;
  status: number | null;
  outcome: string;
  error: string | null;
  durationMs: number;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  requestTruncated: boolean;
  responseBody: string | null;
  responseTruncated: boolean;
}

export class WebServiceCallView implements WebServiceCall {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: CALL_KINDS }) kind!: CallKind;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the call started' }) at!: Date;
  @ApiProperty({ enum: ['POST'] }) method!: 'POST';
  @ApiProperty({ example: 'https://erp.example.com/customers' }) url!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status; null when no answer came' }) status!: number | null;
  @ApiProperty({ example: 'ok', description: '`ok` or the failure kind (network, timeout, http, malformed_json, redirect, ...)' })
  outcome!: string;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty() durationMs!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Request headers without the auth headers and anything named like a secret',
  })
  requestHeaders!: Record<string, string>;
  @ApiProperty({ type: String, nullable: true, description: 'Up to 8 KB; secrets replaced by [redacted]' }) requestBody!: string | null;
  @ApiProperty() requestTruncated!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Up to 8 KB; secrets replaced by [redacted]' }) responseBody!: string | null;
  @ApiProperty() responseTruncated!: boolean;
}

export class WebServiceCallPageView {
  @ApiProperty({ type: [WebServiceCallView], description: 'Newest first' }) items!: WebServiceCallView[];
  @ApiProperty({ description: `Calls kept for the web service (at most ${CALLS_KEPT})` }) total!: number;
}

export function toCallView(row: WebServiceCallEntity): WebServiceCall {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the web service is the route's
  const { webServiceId, ...call } = row;
  return { ...call, method: 'POST' };
}
