import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-docs';
import { IdParam } from '../../common/id-param.decorator';
import { ListRecordsQuery } from './dto/list-records.query';
import { ModelView, RECORD_PAGE_SCHEMA, RECORD_SCHEMA, RECORD_VALUES_SCHEMA } from './dto/record.views';
import { SearchRecordsDto } from './dto/search-records.dto';
import { RecordsService } from './records.service';

@ApiTags('records')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Get('models')
  @ApiOperation({ summary: 'Registered Odoo-style models and their fields' })
  @ApiOkResponse({ type: [ModelView] })
  models() {
    return this.records.models();
  }

  @Get('records/:model')
  @ApiOperation({ summary: 'List records; `domain` takes an Odoo domain; 503 RECORDS.QUERY_TIMEOUT past RECORDS_QUERY_TIMEOUT_MS' })
  @ApiOkResponse({ schema: RECORD_PAGE_SCHEMA })
  @ApiErrors(400, 404, 503)
  list(@Param('model') model: string, @Query() query: ListRecordsQuery) {
    return this.records.list(model, query);
  }

  @Post('records/:model/search')
  @HttpCode(200)
  @ApiOperation({ summary: 'List records with the query in the body (domains longer than a URL can carry)' })
  @ApiOkResponse({ schema: RECORD_PAGE_SCHEMA })
  @ApiErrors(400, 404, 503)
  search(@Param('model') model: string, @Body() body: SearchRecordsDto) {
    return this.records.list(model, body);
  }

  @Get('records/:model/:id')
  @ApiOperation({ summary: 'One record' })
  @ApiOkResponse({ schema: RECORD_SCHEMA })
  @ApiErrors(400, 404)
  get(@Param('model') model: string, @IdParam() id: number) {
    return this.records.get(model, id);
  }

  @Post('records/:model')
  @ApiOperation({ summary: 'Create a record; answers it as stored' })
  @ApiBody({ schema: { ...RECORD_VALUES_SCHEMA, example: { name: 'Azure Interior', is_company: true, country_id: 1 } } })
  @ApiCreatedResponse({ schema: RECORD_SCHEMA })
  @ApiErrors(400, 404, 409, 422)
  create(@Param('model') model: string, @Body() body: Record<string, unknown>) {
    return this.records.create(model, body);
  }

  @Put('records/:model/:id')
  @ApiOperation({ summary: 'Change some values of a record; answers it as stored' })
  @ApiBody({ schema: { ...RECORD_VALUES_SCHEMA, example: { email: 'info@azure.example' } } })
  @ApiOkResponse({ schema: RECORD_SCHEMA })
  @ApiErrors(400, 404, 409, 422)
  update(@Param('model') model: string, @IdParam() id: number, @Body() body: Record<string, unknown>) {
    return this.records.update(model, id, body);
  }

  @Delete('records/:model/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a record' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  async remove(@Param('model') model: string, @IdParam() id: number): Promise<void> {
    await this.records.remove(model, id);
  }
}
