import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param.decorator';
import { ApiKeysService } from './api-key.service';
import { ApiKeyView, CreatedApiKeyView } from './dto/api-key.view';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

/** The API keys an external system sends in the `api_key` header of the /sync routes. */
@ApiTags('settings')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/settings/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Generate a key ({name}) or import an existing one ({name, key}); the key is shown only in this answer' })
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    return this.apiKeys.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List keys (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyView] })
  list(): Promise<ApiKeyView[]> {
    return this.apiKeys.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One key (never the key itself)' })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiErrors(400, 404)
  get(@IdParam() id: number): Promise<ApiKeyView> {
    return this.apiKeys.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key; it stops working at once' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(400, 404)
  async revoke(@IdParam() id: number): Promise<void> {
    await this.apiKeys.revoke(id);
  }
}
