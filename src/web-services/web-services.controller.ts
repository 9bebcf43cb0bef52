import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param.decorator';
import { CreateWebServiceDto } from './dto/create-web-service.dto';
import { UpdateWebServiceDto } from './dto/update-web-service.dto';
import { ListWebServiceCallsQuery, WebServiceCallPageView } from './dto/web-service-call.view';
import { WebServiceDetailView, WebServiceTestReport, WebServiceView, WebServiceWriteView } from './dto/web-service.view';
import { WebServicesService } from './web-services.service';

/** The external endpoints Synchro receives from, confirms to and sends to. */
@ApiTags('web-services')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/web-services')
export class WebServicesController {
  constructor(private readonly webServices: WebServicesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a web service; secrets are stored encrypted and never answered' })
  @ApiCreatedResponse({ type: WebServiceView })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateWebServiceDto): Promise<WebServiceView> {
    return this.webServices.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List web services' })
  @ApiOkResponse({ type: [WebServiceView] })
  list(): Promise<WebServiceView[]> {
    return this.webServices.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One web service, with its delivery health' })
  @ApiOkResponse({ type: WebServiceDetailView })
  @ApiErrors(400, 404)
  get(@IdParam() id: number): Promise<WebServiceView> {
    return this.webServices.get(id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Partial update (same as PATCH): omitted fields and secrets are kept, null clears' })
  @ApiOkResponse({ type: WebServiceWriteView })
  @ApiErrors(400, 404, 409)
  replace(@IdParam() id: number, @Body() dto: UpdateWebServiceDto): Promise<WebServiceWriteView> {
    return this.webServices.update(id, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Partial update: omitted fields and secrets are kept, null clears' })
  @ApiOkResponse({ type: WebServiceWriteView })
  @ApiErrors(400, 404, 409)
  update(@IdParam() id: number, @Body() dto: UpdateWebServiceDto): Promise<WebServiceWriteView> {
    return this.webServices.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a web service; 409 WEB_SERVICE.IN_USE while sync objects use it' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  async remove(@IdParam() id: number): Promise<void> {
    await this.webServices.remove(id);
  }

  @Get(':id/calls')
  @ApiOperation({
    summary: 'API inspector: the last 200 calls to this web service (receive, confirm, send, test), newest first, without secrets',
  })
  @ApiOkResponse({ type: WebServiceCallPageView })
  @ApiErrors(400, 404)
  calls(@IdParam() id: number, @Query() query: ListWebServiceCallsQuery): Promise<WebServiceCallPageView> {
    return this.webServices.calls(id, query);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'POST {"limit": 0} to the URL with its credentials; answers a report (200 even when unreachable)' })
  @ApiOkResponse({ type: WebServiceTestReport })
  @ApiErrors(400, 404)
  test(@IdParam() id: number): Promise<WebServiceTestReport> {
    return this.webServices.test(id);
  }
}
