import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.decorator';
import { OutboxResync } from '../outbox/outbox-resync.service';
import { SyncRunsService } from './sync-runs.service';

/** Actions on one sync object that belong to running it: run now, queue an initial load. */
@ApiTags('sync-objects')
@ApiBearerAuth()
@Controller('api/sync-objects')
export class SyncObjectRunController {
  constructor(
    private readonly runs: SyncRunsService,
    private readonly resync: OutboxResync,
  ) {}

  @Post(':id/run')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run the object now (receive + confirm, send, as its direction says); answers the finished run; 409 if it is running',
  })
  run(@IdParam() id: number) {
    return this.runs.runNow(id);
  }

  @Post(':id/resync')
  @HttpCode(200)
  @ApiOperation({ summary: 'Initial load: queue every local record matching the domain for sending; answers {queued}' })
  queueAll(@IdParam() id: number) {
    return this.resync.resync(id);
  }
}
