import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param.decorator';
import { ListOutboxQuery, RetryOutboxDto, SyncStateQuery, SyncStateView } from './dto/outbox.dto';
import { OutboxPageView, OutboxRowView, RetriedView } from './dto/outbox.views';
import { OutboxService } from './outbox.service';

@ApiTags('outbox')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOperation({ summary: 'Outbound changes by status (pending, inflight, done, dead, skipped)' })
  @ApiOkResponse({ type: OutboxPageView })
  @ApiErrors(400)
  list(@Query() query: ListOutboxQuery) {
    return this.outbox.list(query);
  }

  // Declared before ':id' so the literal path is never taken for an id.
  @Get('sync-state')
  @ApiOperation({ summary: "One record's sync state per sync object: external id, whether the external system has it, last synced values" })
  @ApiOkResponse({ type: [SyncStateView] })
  @ApiErrors(400)
  syncState(@Query() query: SyncStateQuery) {
    return this.outbox.syncState(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One outbound change' })
  @ApiOkResponse({ type: OutboxRowView })
  @ApiErrors(400, 404)
  get(@IdParam() id: number) {
    return this.outbox.get(id);
  }

  @Post('retry')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Put every dead row (optionally of one sync object) back in the queue; `preview: true` moves nothing and says how many and which',
  })
  @ApiOkResponse({ type: RetriedView })
  @ApiErrors(400)
  retryAll(@Body() dto: RetryOutboxDto) {
    return this.outbox.retryAll(dto);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put one dead row back in the queue' })
  @ApiOkResponse({ type: OutboxRowView })
  @ApiErrors(400, 404, 409)
  retry(@IdParam() id: number) {
    return this.outbox.retry(id);
  }
}
