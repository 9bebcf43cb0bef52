import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param.decorator';
import { CreateSyncModelDto, UpdateSyncModelDto } from './dto/sync-model.dto';
import { SyncModelResponse } from './dto/sync-model.view';
import { SyncModelsService } from './sync-model.service';

@ApiTags('sync-models')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/sync-models')
export class SyncModelController {
  constructor(private readonly syncModels: SyncModelsService) {}

  @Get()
  @ApiOperation({ summary: 'List sync models' })
  @ApiOkResponse({ type: [SyncModelResponse] })
  list() {
    return this.syncModels.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One sync model' })
  @ApiOkResponse({ type: SyncModelResponse })
  @ApiErrors(400, 404)
  get(@IdParam() id: number) {
    return this.syncModels.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a sync model' })
  @ApiCreatedResponse({ type: SyncModelResponse })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateSyncModelDto) {
    return this.syncModels.create(dto);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Partial update (same as PATCH): omitted properties keep their value' })
  @ApiOkResponse({ type: SyncModelResponse })
  @ApiErrors(400, 404, 409)
  replace(@IdParam() id: number, @Body() dto: UpdateSyncModelDto) {
    return this.syncModels.update(id, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Partial update: omitted properties keep their value' })
  @ApiOkResponse({ type: SyncModelResponse })
  @ApiErrors(400, 404, 409)
  update(@IdParam() id: number, @Body() dto: UpdateSyncModelDto) {
    return this.syncModels.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a sync model; 409 while in use' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  async remove(@IdParam() id: number): Promise<void> {
    await this.syncModels.remove(id);
  }
}
