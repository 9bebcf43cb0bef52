import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
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

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Apply a held run's kept plan, once (409 SYNC_RUN.ALREADY_RELEASED the second time, SYNC_RUN.NOT_HELD for a run not held); " +
      'answers the run, finished',
  })
  @ApiOkResponse({ type: SyncRunResponse })
  @ApiErrors(400, 404, 409)
  release(@IdParam() id: number) {
    return this.runs.release(id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One run with its counts and progress' })
  @ApiOkResponse({ type: SyncRunResponse })
  @ApiErrors(400, 404)
  get(@IdParam() id: number) {
    return this.runs.get(id);
  }
}
