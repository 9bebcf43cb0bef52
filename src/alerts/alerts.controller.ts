import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { AlertListView, ListAlertsQuery } from './dto/alerts.dto';
import { AlertsService } from './alerts.service';

@ApiTags('alerts')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ summary: 'Alert state (ok / warning / critical, with reasons) of every sync object and web service' })
  @ApiOkResponse({ type: AlertListView })
  @ApiErrors(400)
  async list(@Query() query: ListAlertsQuery) {
    return { items: await this.alerts.list(query) };
  }
}
