import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { SettingsView } from './dto/settings.view';
import { UpdateSettingsDto } from './dto/update-settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Current settings' })
  @ApiOkResponse({ type: SettingsView })
  get() {
    return this.settings.view();
  }

  @Put()
  @ApiOperation({ summary: 'Change some settings; absent properties keep their value' })
  @ApiOkResponse({ type: SettingsView })
  @ApiErrors(400)
  update(@Body() body: UpdateSettingsDto) {
    return this.settings.update(body);
  }
}
