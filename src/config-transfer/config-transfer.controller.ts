import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { ConfigTransferService } from './config-transfer.service';
import { ConfigDocumentDto, ImportReportView } from './dto/config-document.dto';

@ApiTags('config')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/config')
export class ConfigTransferController {
  constructor(private readonly transfer: ConfigTransferService) {}

  @Get('export')
  @ApiOperation({ summary: 'Web services (without secrets), sync models and sync objects as one document' })
  @ApiOkResponse({ type: ConfigDocumentDto })
  export() {
    return this.transfer.export();
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply an exported document, matched by name/code; all or nothing' })
  @ApiOkResponse({ type: ImportReportView })
  @ApiErrors(400, 409, 422)
  import(@Body() document: ConfigDocumentDto) {
    return this.transfer.import(document);
  }
}
