import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { SyncEnvelope, SyncResult } from '../sync-envelope';

export class SyncResultView implements SyncResult {
  @ApiProperty({ enum: ['success', 'failed'] }) status!: 'success' | 'failed';
  @ApiProperty({ description: 'Empty on success; on failure names the field and value at fault', example: '' }) error_message!: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Success: the Odoo record id', example: 7 }) odoo_id?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Success: the external id', example: '1231' }) external_id?:
    string | null;
  @ApiPropertyOptional({ description: 'A success that changed nothing (delete of an absent record) says so here' }) message?: string;
}

/** The seed's answer to every real-time call, errors included (same HTTP status as the admin API's). */
export class SyncEnvelopeView implements SyncEnvelope {
  @ApiProperty({ enum: ['2.0'] }) jsonrpc!: '2.0';
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Always null' }) id!: null;
  @ApiProperty({ type: SyncResultView }) result!: SyncResultView;
}

const SYNC_ERRORS: Record<number, string> = {
  400: 'Malformed body, or a value the model refuses (e.g. a required name missing)',
  401: 'Missing or unknown api_key',
  404: 'Unknown code, no active inbound object for it, or the endpoint is switched off',
  413: 'Body larger than SYNC_MAX_BODY',
  422: 'A value that cannot be coerced, or a reference that matches nothing; nothing is written',
  503: 'Synchro could not apply it (e.g. database down); safe to retry',
};

/** The /sync routes answer every error in the seed's envelope (status failed), keeping the HTTP status. */
export function ApiSyncErrors(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(SYNC_ERRORS).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, type: SyncEnvelopeView }),
    ),
  );
}
