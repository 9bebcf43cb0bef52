import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConfigTransferService } from './config-transfer.service';
import { ConfigDocumentDto } from './dto/config-document.dto';

@ApiTags('config')
@ApiBearerAuth()
@Controller('api/config')
export class ConfigTransferController {
  constructor(private readonly transfer: ConfigTransferService) {}

  @Get('export')
  @ApiOperation({ summary: 'Web services (without secrets), sync models and sync objects as one document' })
  export() {
    return this.transfer.export();
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply an exported document, matched by name/code; all or nothing' })
  import(@Body() document: ConfigDocumentDto) {
    return this.transfer.import(document);
  }
}
