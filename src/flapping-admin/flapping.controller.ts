import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param.decorator';
import { PageQuery } from '../common/page.query';
import { FlappingPageResponse, ReleaseFlappingDto, ReleaseResponse } from './dto/flapping.dto';
import { FlappingReleaseService } from './flapping-release.service';

@ApiTags('sync-objects')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/sync-objects')
export class FlappingController {
  constructor(private readonly flapping: FlappingReleaseService) {}

  @Get(':id/flapping')
  @ApiOperation({ summary: 'Records flagged as flapping (changed back and forth between the two sides): their changes are held' })
  @ApiOkResponse({ type: FlappingPageResponse })
  @ApiErrors(400, 404)
  list(@IdParam() id: number, @Query() query: PageQuery) {
    return this.flapping.list(id, query);
  }

  @Post(':id/flapping/:recordId/release')
  @HttpCode(200)
  @ApiOperation({ summary: "Release a flapping record (optionally pinning one side's value); its held changes go on" })
  @ApiParam({ name: 'recordId', required: true, schema: { type: 'number' } })
  @ApiOkResponse({ type: ReleaseResponse })
  @ApiErrors(400, 404, 409)
  release(@IdParam() id: number, @IdParam('recordId') recordId: number, @Body() dto: ReleaseFlappingDto) {
    return this.flapping.release(id, recordId, dto.pin);
  }
}
