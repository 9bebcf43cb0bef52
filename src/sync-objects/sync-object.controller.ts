import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param.decorator';
import { CreateSyncObjectDto, UpdateSyncObjectDto } from './dto/sync-object.dto';
import { SyncObjectResponse } from './dto/sync-object.response';
import { SyncObjectsService } from './sync-object.service';

@ApiTags('sync-objects')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/sync-objects')
export class SyncObjectController {
  constructor(private readonly syncObjects: SyncObjectsService) {}

  @Get()
  @ApiOperation({ summary: 'List sync objects (each with its endpoint table)' })
  @ApiOkResponse({ type: [SyncObjectResponse] })
  list() {
    return this.syncObjects.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One sync object' })
  @ApiOkResponse({ type: SyncObjectResponse })
  @ApiErrors(400, 404)
  get(@IdParam() id: number) {
    return this.syncObjects.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a sync object (the rules of README "Configuring a sync" are checked)' })
  @ApiCreatedResponse({ type: SyncObjectResponse })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateSyncObjectDto) {
    return this.syncObjects.create(dto);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Partial update (same as PATCH): omitted properties keep their value' })
  @ApiOkResponse({ type: SyncObjectResponse })
  @ApiErrors(400, 404, 409)
  replace(@IdParam() id: number, @Body() dto: UpdateSyncObjectDto) {
    return this.syncObjects.update(id, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Partial update: omitted properties keep their value' })
  @ApiOkResponse({ type: SyncObjectResponse })
  @ApiErrors(400, 404, 409)
  update(@IdParam() id: number, @Body() dto: UpdateSyncObjectDto) {
    return this.syncObjects.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a sync object' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  async remove(@IdParam() id: number): Promise<void> {
    await this.syncObjects.remove(id);
  }
}
