import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param.decorator';
import { DriftPageResponse, ListDriftQuery } from './dto/drift.dto';
import { DriftService } from './drift.service';

@ApiTags('sync-objects')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/sync-objects')
export class DriftController {
  constructor(private readonly drift: DriftService) {}

  @Get(':id/drift')
  @ApiOperation({ summary: 'Schema drift of received payloads: unknown keys, mapped fields that stopped arriving, type mismatches' })
  @ApiOkResponse({ type: DriftPageResponse })
  @ApiErrors(400, 404)
  list(@IdParam() id: number, @Query() query: ListDriftQuery) {
    return this.drift.list(id, query);
  }
}
