import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { CreateSyncModelDto } from '../../sync-models/dto/sync-model.dto';
import { CreateSyncObjectDto } from '../../sync-objects/dto/sync-object.dto';
import { CreateWebServiceDto } from '../../web-services/dto/create-web-service.dto';

/** A web service without its secrets (an export never carries them). */
export class WebServiceDocument extends OmitType(CreateWebServiceDto, ['password', 'apiKey', 'signingSecret'] as const) {}

/** A sync object referring to its web service by name and its sync model by code (ids differ between installations). */
export class SyncObjectDocument extends OmitType(CreateSyncObjectDto, ['webServiceId', 'syncModelId'] as const) {
  @ApiProperty({ description: 'Name of the web service' })
  @IsString()
  @Length(1, 128)
  webService!: string;

  @ApiProperty({ description: 'Code of the sync model' })
  @IsString()
  @Length(1, 32)
  syncModel!: string;
}

export class ConfigDocumentDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @IsIn([1])
  version!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  exportedAt?: string;

  @ApiProperty({ type: [WebServiceDocument] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => WebServiceDocument)
  webServices!: WebServiceDocument[];

  @ApiProperty({ type: [CreateSyncModelDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CreateSyncModelDto)
  syncModels!: CreateSyncModelDto[];

  @ApiProperty({ type: [SyncObjectDocument] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SyncObjectDocument)
  syncObjects!: SyncObjectDocument[];
}

export interface ImportReport {
  created: { webServices: number; syncModels: number; syncObjects: number };
  updated: { webServices: number; syncModels: number; syncObjects: number };
  warnings: string[];
}

export class ImportCountsView {
  @ApiProperty() webServices!: number;
  @ApiProperty() syncModels!: number;
  @ApiProperty() syncObjects!: number;
}

/** OpenAPI description of `ImportReport`. */
export class ImportReportView implements ImportReport {
  @ApiProperty({ type: ImportCountsView }) created!: ImportCountsView;
  @ApiProperty({ type: ImportCountsView }) updated!: ImportCountsView;
  @ApiProperty({ type: [String], example: ['web service "apitmt-customers": no API key set; set it before use'] }) warnings!: string[];
}
