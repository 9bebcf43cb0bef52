import { Body, Controller, Delete, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/public.decorator';
import { RealtimeService } from './realtime.service';
import { SyncApiKeyGuard } from './sync-api-key.guard';

const PAYLOAD = { schema: { type: 'object', example: { name: 'Name', unique_id: 1231 } } };

/** The seed's "Structure in requests in Real Time mode": the external system pushes changes here. */
@ApiTags('sync (real time, for the external system)')
@ApiSecurity('api_key')
@ApiHeader({ name: 'api_key', description: 'an API key from /api/settings/api-keys', required: true })
@Public()
@UseGuards(SyncApiKeyGuard)
@Controller('sync')
export class RealtimeController {
  constructor(private readonly realtime: RealtimeService) {}

  @Post(':code/create')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create (or, if the external id exists, update) a record' })
  @ApiBody(PAYLOAD)
  create(@Param('code') code: string, @Body() body: unknown) {
    return this.realtime.handle(code, 'create', undefined, body);
  }

  @Put(':code/:externalId')
  @ApiOperation({ summary: 'Modify (or, if unknown, create) the record with this external id' })
  @ApiBody(PAYLOAD)
  write(@Param('code') code: string, @Param('externalId') externalId: string, @Body() body: unknown) {
    return this.realtime.handle(code, 'write', externalId, body);
  }

  @Delete(':code/:externalId')
  @ApiOperation({ summary: 'Delete the record with this external id (succeeds if already absent)' })
  remove(@Param('code') code: string, @Param('externalId') externalId: string, @Body() body: unknown) {
    return this.realtime.handle(code, 'unlink', externalId, body);
  }
}
