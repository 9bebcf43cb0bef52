import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { IdParam } from '../common/id-param.decorator';
import { CreateWebServiceDto } from './dto/create-web-service.dto';
import { UpdateWebServiceDto } from './dto/update-web-service.dto';
import { WebServiceTestReport, WebServiceView } from './dto/web-service.view';
import { WebServicesService } from './web-services.service';

/** The external endpoints Synchro receives from, confirms to and sends to. */
@ApiTags('web-services')
@ApiBearerAuth()
@Controller('api/web-services')
export class WebServicesController {
  constructor(private readonly webServices: WebServicesService) {}

  @Post()
  @ApiCreatedResponse({ type: WebServiceView })
  @ApiConflictResponse({ description: 'A web service with this name exists' })
  create(@Body() dto: CreateWebServiceDto): Promise<WebServiceView> {
    return this.webServices.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: [WebServiceView] })
  list(): Promise<WebServiceView[]> {
    return this.webServices.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: WebServiceView })
  get(@IdParam() id: number): Promise<WebServiceView> {
    return this.webServices.get(id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Partial update (same as PATCH): omitted fields and secrets are kept, null clears' })
  @ApiOkResponse({ type: WebServiceView })
  replace(@IdParam() id: number, @Body() dto: UpdateWebServiceDto): Promise<WebServiceView> {
    return this.webServices.update(id, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Partial update: omitted fields and secrets are kept, null clears' })
  @ApiOkResponse({ type: WebServiceView })
  update(@IdParam() id: number, @Body() dto: UpdateWebServiceDto): Promise<WebServiceView> {
    return this.webServices.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Sync objects use this web service (WEB_SERVICE.IN_USE)' })
  async remove(@IdParam() id: number): Promise<void> {
    await this.webServices.remove(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'POST {"limit": 0} to the URL with its credentials; answers a report (200 even when unreachable)' })
  @ApiOkResponse({ type: WebServiceTestReport })
  test(@IdParam() id: number): Promise<WebServiceTestReport> {
    return this.webServices.test(id);
  }
}
