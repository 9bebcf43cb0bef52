import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.decorator';
import { CreateSyncModelDto, UpdateSyncModelDto } from './dto/sync-model.dto';
import { SyncModelsService } from './sync-model.service';

@ApiTags('sync-models')
@ApiBearerAuth()
@Controller('api/sync-models')
export class SyncModelController {
  constructor(private readonly syncModels: SyncModelsService) {}

  @Get()
  list() {
    return this.syncModels.list();
  }

  @Get(':id')
  get(@IdParam() id: number) {
    return this.syncModels.get(id);
  }

  @Post()
  create(@Body() dto: CreateSyncModelDto) {
    return this.syncModels.create(dto);
  }

  @Put(':id')
  replace(@IdParam() id: number, @Body() dto: UpdateSyncModelDto) {
    return this.syncModels.update(id, dto);
  }

  @Patch(':id')
  update(@IdParam() id: number, @Body() dto: UpdateSyncModelDto) {
    return this.syncModels.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@IdParam() id: number): Promise<void> {
    await this.syncModels.remove(id);
  }
}
