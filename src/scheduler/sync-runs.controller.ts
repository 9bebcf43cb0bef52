import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param.decorator';
import { ListSyncRunsQuery } from './dto/sync-run.dto';
import { SyncRunPageView, SyncRunResponse } from './dto/sync-run.views';
import { SyncRunsService } from './sync-runs.service';

@ApiTags('sync-runs')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/sync-runs')
export class SyncRunsController {
  constructor(private readonly runs: SyncRunsService) {}

  @Get()
  @ApiOperation({ summary: 'Runs of sync objects, newest first (filters: syncObjectId, status, trigger)' })
  @ApiOkResponse({ type: SyncRunPageView })
  @ApiErrors(400)
  list(@Query() query: ListSyncRunsQuery) {
    return this.runs.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One run with its counts and progress' })
  @ApiOkResponse({ type: SyncRunResponse })
  @ApiErrors(400, 404)
  get(@IdParam() id: number) {
    return this.runs.get(id);
  }
}
