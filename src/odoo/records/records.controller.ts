import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../../common/id-param.decorator';
import { ListRecordsQuery } from './dto/list-records.query';
import { RecordsService } from './records.service';

@ApiTags('records')
@ApiBearerAuth()
@Controller('api')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Get('models')
  @ApiOperation({ summary: 'Registered Odoo-style models and their fields' })
  models() {
    return this.records.models();
  }

  @Get('records/:model')
  @ApiOperation({ summary: 'List records; `domain` takes an Odoo domain' })
  list(@Param('model') model: string, @Query() query: ListRecordsQuery) {
    return this.records.list(model, query);
  }

  @Get('records/:model/:id')
  get(@Param('model') model: string, @IdParam() id: number) {
    return this.records.get(model, id);
  }

  @Post('records/:model')
  @ApiBody({ schema: { type: 'object', example: { name: 'Azure Interior', is_company: true, country_id: 1 } } })
  create(@Param('model') model: string, @Body() body: Record<string, unknown>) {
    return this.records.create(model, body);
  }

  @Put('records/:model/:id')
  @ApiBody({ schema: { type: 'object', example: { email: 'info@azure.example' } } })
  update(@Param('model') model: string, @IdParam() id: number, @Body() body: Record<string, unknown>) {
    return this.records.update(model, id, body);
  }

  @Delete('records/:model/:id')
  @HttpCode(204)
  async remove(@Param('model') model: string, @IdParam() id: number): Promise<void> {
    await this.records.remove(model, id);
  }
}
