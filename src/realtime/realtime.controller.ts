import { Body, Controller, Delete, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/public.decorator';
import { ApiSyncErrors, SyncEnvelopeView } from './dto/sync-envelope.view';
import { RealtimeService } from './realtime.service';
import { SyncApiKeyGuard } from './sync-api-key.guard';

const PAYLOAD = {
  description:
    "The record's values keyed by the sync model's field names: a JSON object, a form-encoded body (also when labelled " +
    'application/json, as the seed\'s Python example sends), or an Odoo JSON-RPC body {"jsonrpc": "2.0", "params": {...}}',
  schema: { type: 'object' as const, additionalProperties: true, example: { name: 'Name', unique_id: 1231, country: 'ES' } },
};
const APPLIED = { type: SyncEnvelopeView, description: 'Applied (status success, with odoo_id and external_id)' };

/** The seed's "Structure in requests in Real Time mode": the external system pushes changes here. */
@ApiTags('sync (real time, for the external system)')
@ApiSecurity('api_key')
@ApiHeader({ name: 'api_key', description: 'an API key from /api/settings/api-keys', required: true })
@ApiSyncErrors()
@Public()
@UseGuards(SyncApiKeyGuard)
@Controller('sync')
export class RealtimeController {
  constructor(private readonly realtime: RealtimeService) {}

  @Post(':code/create')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create (or, if the external id exists, update) a record' })
  @ApiBody(PAYLOAD)
  @ApiOkResponse(APPLIED)
  create(@Param('code') code: string, @Body() body: unknown) {
    return this.realtime.handle(code, 'create', undefined, body);
  }

  @Put(':code/:externalId')
  @ApiOperation({ summary: 'Modify (or, if unknown, create) the record with this external id' })
  @ApiBody(PAYLOAD)
  @ApiOkResponse(APPLIED)
  write(@Param('code') code: string, @Param('externalId') externalId: string, @Body() body: unknown) {
    return this.realtime.handle(code, 'write', externalId, body);
  }

  @Delete(':code/:externalId')
  @ApiOperation({ summary: 'Delete the record with this external id (succeeds if already absent)' })
  @ApiOkResponse({ type: SyncEnvelopeView, description: 'Deleted, or already absent (then `message` says so)' })
  remove(@Param('code') code: string, @Param('externalId') externalId: string, @Body() body: unknown) {
    return this.realtime.handle(code, 'unlink', externalId, body);
  }
}
