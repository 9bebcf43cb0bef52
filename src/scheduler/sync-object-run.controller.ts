import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param.decorator';
import { QueuedView } from '../outbox/dto/outbox.views';
import { OutboxResync } from '../outbox/outbox-resync.service';
import { SyncRunResponse } from './dto/sync-run.views';
import { SyncRunsService } from './sync-runs.service';

/** Actions on one sync object that belong to running it: run now, queue an initial load. */
@ApiTags('sync-objects')
@ApiBearerAuth()
@ApiErrors(401)
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
  @ApiOkResponse({ type: SyncRunResponse })
  @ApiErrors(400, 404, 409)
  run(@IdParam() id: number) {
    return this.runs.runNow(id);
  }

  @Post(':id/resync')
  @HttpCode(200)
  @ApiOperation({ summary: 'Initial load: queue every local record matching the domain for sending; answers {queued}' })
  @ApiOkResponse({ type: QueuedView })
  @ApiErrors(400, 404, 409)
  queueAll(@IdParam() id: number) {
    return this.resync.resync(id);
  }
}
