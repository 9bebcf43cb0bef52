import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.decorator';
import { ListOutboxQuery, RetryOutboxDto } from './dto/outbox.dto';
import { OutboxService } from './outbox.service';

@ApiTags('outbox')
@ApiBearerAuth()
@Controller('api/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOperation({ summary: 'Outbound changes by status (pending, inflight, done, dead, skipped)' })
  list(@Query() query: ListOutboxQuery) {
    return this.outbox.list(query);
  }

  @Get(':id')
  get(@IdParam() id: number) {
    return this.outbox.get(id);
  }

  @Post('retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put every dead row (optionally of one sync object) back in the queue' })
  retryAll(@Body() dto: RetryOutboxDto) {
    return this.outbox.retryAll(dto);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put one dead row back in the queue' })
  retry(@IdParam() id: number) {
    return this.outbox.retry(id);
  }
}
