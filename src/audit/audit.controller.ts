import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { AuditService } from './audit.service';
import { AuditPageView, FieldChangeView, ListAuditQuery } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@ApiErrors(401)
@ApiExtraModels(FieldChangeView)
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail of admin writes, newest first (filters: resourceType, resourceId, action)' })
  @ApiOkResponse({ type: AuditPageView })
  @ApiErrors(400)
  list(@Query() query: ListAuditQuery) {
    return this.audit.list({ ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }
}
