import { Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param.decorator';
import { ChangeLogExportService } from './change-log-export.service';
import { ChangeLogQueryService } from './change-log-query.service';
import { ChangeLogRetentionService } from './change-log-retention.service';
import { ChangeLogFilterQuery } from './dto/change-log-filter.query';
import { ChangeLogEntryView, ChangeLogPageView, PurgeResultView } from './dto/change-log.views';
import { HourlyQuery, HourlyView } from './dto/hourly.query';
import { ListChangeLogQuery } from './dto/list-change-log.query';

@ApiTags('change-log')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/change-log')
export class ChangeLogController {
  constructor(
    private readonly queries: ChangeLogQueryService,
    private readonly exporter: ChangeLogExportService,
    private readonly retention: ChangeLogRetentionService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Synchronizations, newest first, filtered and paginated' })
  @ApiOkResponse({ type: ChangeLogPageView })
  @ApiErrors(400)
  list(@Query() query: ListChangeLogQuery) {
    return this.queries.list(query);
  }

  // Declared before ':id' so the literal path is never taken for an id.
  @Get('export.csv')
  @ApiOperation({ summary: 'The filtered change log as CSV (streamed)' })
  @ApiOkResponse({
    description: 'CSV: a header line, then one line per entry (the columns of GET /api/change-log, JSON values as JSON text)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors(400)
  export(@Query() query: ChangeLogFilterQuery) {
    return new StreamableFile(this.exporter.csv(query), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="change-log.csv"',
    });
  }

  @Get('hourly')
  @ApiOperation({ summary: 'Successes and failures per hour (last 24 h by default), oldest first' })
  @ApiOkResponse({ type: HourlyView })
  @ApiErrors(400)
  hourly(@Query() query: HourlyQuery) {
    return this.queries.hourly(query);
  }

  @Post('purge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete entries older than logRetentionDays now' })
  @ApiOkResponse({ type: PurgeResultView })
  purge() {
    return this.retention.purge();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One entry' })
  @ApiOkResponse({ type: ChangeLogEntryView })
  @ApiErrors(400, 404)
  get(@IdParam() id: number) {
    return this.queries.get(id);
  }
}
