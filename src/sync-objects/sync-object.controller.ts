import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.decorator';
import { CreateSyncObjectDto, UpdateSyncObjectDto } from './dto/sync-object.dto';
import { SyncObjectsService } from './sync-object.service';

@ApiTags('sync-objects')
@ApiBearerAuth()
@Controller('api/sync-objects')
export class SyncObjectController {
  constructor(private readonly syncObjects: SyncObjectsService) {}

  @Get()
  list() {
    return this.syncObjects.list();
  }

  @Get(':id')
  get(@IdParam() id: number) {
    return this.syncObjects.get(id);
  }

  @Post()
  create(@Body() dto: CreateSyncObjectDto) {
    return this.syncObjects.create(dto);
  }

  @Put(':id')
  replace(@IdParam() id: number, @Body() dto: UpdateSyncObjectDto) {
    return this.syncObjects.update(id, dto);
  }

  @Patch(':id')
  update(@IdParam() id: number, @Body() dto: UpdateSyncObjectDto) {
    return this.syncObjects.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@IdParam() id: number): Promise<void> {
    await this.syncObjects.remove(id);
  }
}
