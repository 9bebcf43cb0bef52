import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.decorator';
import { ListSyncRunsQuery } from './dto/sync-run.dto';
import { SyncRunsService } from './sync-runs.service';

@ApiTags('sync-runs')
@ApiBearerAuth()
@Controller('api/sync-runs')
export class SyncRunsController {
  constructor(private readonly runs: SyncRunsService) {}

  @Get()
  @ApiOperation({ summary: 'Runs of sync objects, newest first (filters: syncObjectId, status, trigger)' })
  list(@Query() query: ListSyncRunsQuery) {
    return this.runs.list(query);
  }

  @Get(':id')
  get(@IdParam() id: number) {
    return this.runs.get(id);
  }
}
