import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { PageQuery } from '../common/page.query';
import { DryRunDto, DryRunResponse } from './dto/dry-run.dto';
import { RunNowDto } from './dto/sync-run.dto';
import { DryRunService } from './dry-run.service';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param.decorator';
import { QueuedView } from '../outbox/dto/outbox.views';
import { OutboxResync } from '../outbox/outbox-resync.service';
import { SyncRunResponse } from './dto/sync-run.views';
import { SyncRunsService } from './sync-runs.service';

/** Actions on one sync object that belong to running it: run now, plan a run (dry run), queue an initial load. */
@ApiTags('sync-objects')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/sync-objects')
export class SyncObjectRunController {
  constructor(
    private readonly runs: SyncRunsService,
    private readonly resync: OutboxResync,
    private readonly dryRuns: DryRunService,
  ) {}

  @Post(':id/run')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Run the object now (receive + confirm, send, as its direction says); answers the finished run; 409 if it is running; ' +
      '{"bypassGuard": true} runs it once without the mass-change guard',
  })
  @ApiBody({ type: RunNowDto, required: false })
  @ApiOkResponse({ type: SyncRunResponse })
  @ApiErrors(400, 404, 409)
  run(@IdParam() id: number, @Body() body: RunNowDto) {
    return this.runs.runNow(id, { bypassGuard: body.bypassGuard });
  }

  @Post(':id/dry-run')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The plan of the object's next run, writing nothing: received items with their action and field changes, and the " +
      'bodies that would be sent; receiving only where the web service needs confirmation (no confirmation is sent)',
  })
  @ApiBody({ type: DryRunDto, required: false })
  @ApiOkResponse({ type: DryRunResponse })
  @ApiErrors(400, 404, 409, 422)
  dryRun(@IdParam() id: number, @Body() body: DryRunDto, @Query() page: PageQuery) {
    return this.dryRuns.dryRun(id, { receive: body.receive ?? true, limit: page.limit ?? 50, offset: page.offset ?? 0 });
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
