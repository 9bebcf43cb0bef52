import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { ReapplyChangesDto, ReapplyResultView } from './dto/reapply.dto';
import { InboundReapplyService } from './inbound-reapply.service';

/** POST /api/change-log/reapply: failed inbound changes through the inbound path again (here: the engine applies them). */
@ApiTags('change-log')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/change-log')
export class ChangeLogReapplyController {
  constructor(private readonly reapplier: InboundReapplyService) {}

  @Post('reapply')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Re-apply failed inbound changes (ids, or a sync object’s) through the inbound path, oldest first; ' +
      '`preview: true` writes nothing and says how many and which',
  })
  @ApiOkResponse({ type: ReapplyResultView })
  @ApiErrors(400)
  reapply(@Body() dto: ReapplyChangesDto) {
    return this.reapplier.reapply(dto);
  }
}
