import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Type } from 'class-transformer';
import { MAX_CONCURRENCY_DESCRIPTION, RATE_LIMIT_DESCRIPTION, RateLimitDto } from './rate-limit.dto';
import { MAX_CONCURRENCY_LIMIT } from '../outbound/throttle';
import { AUTH_MODES, AuthMode, TIMEOUT_MAX_MS, TIMEOUT_MIN_MS, URL_MAX_LENGTH } from '../web-service.rules';
import { OptionalNotNull } from './validation';

/**
 * A new web service. Shapes and types are checked here; the seed's rules between
 * fields (confirmation URL when confirming, credentials per auth mode) in the service.
 */
export class CreateWebServiceDto {
  @ApiProperty({ minLength: 1, maxLength: 128, example: 'Sincronizar Clientes' })
  @IsDefined({ message: 'name is required' })
  @IsString()
  @Length(1, 128)
  name!: string;

  @ApiProperty({ description: 'Where records are obtained (http or https)', example: 'https://erp.example.com/web/customers' })
  @IsDefined({ message: 'url is required' })
  @IsString()
  @MaxLength(URL_MAX_LENGTH)
  url!: string;

  @ApiPropertyOptional({ default: false })
  @OptionalNotNull()
  @IsBoolean()
  needsConfirmation?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required when needsConfirmation; may be the same as url' })
  @IsOptional()
  @IsString()
  @MaxLength(URL_MAX_LENGTH)
  confirmationUrl?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Where local changes are sent; empty only for one-way external → Odoo use',
  })
  @IsOptional()
  @IsString()
  @MaxLength(URL_MAX_LENGTH)
  shippingUrl?: string | null;

  @ApiPropertyOptional({ default: false })
  @OptionalNotNull()
  @IsBoolean()
  needsAuthentication?: boolean;

  @ApiPropertyOptional({ enum: AUTH_MODES, nullable: true, description: 'Required when needsAuthentication' })
  @IsOptional()
  @IsIn(AUTH_MODES)
  authMode?: AuthMode | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255, description: 'For user_password (sent as HTTP Basic)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  username?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    writeOnly: true,
    description: 'For user_password; stored encrypted, never returned',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    writeOnly: true,
    description: 'For api_key (sent in the `api_key` header); stored encrypted, never returned',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  apiKey?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    writeOnly: true,
    description:
      'Signs outbound deliveries (Standard Webhooks headers webhook-id, webhook-timestamp, webhook-signature); ' +
      '`whsec_<base64>` or 16+ characters; stored encrypted, never returned',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(1024)
  signingSecret?: string | null;

  @ApiPropertyOptional({ default: 10000, minimum: TIMEOUT_MIN_MS, maximum: TIMEOUT_MAX_MS })
  @OptionalNotNull()
  @IsInt()
  @Min(TIMEOUT_MIN_MS)
  @Max(TIMEOUT_MAX_MS)
  timeoutMs?: number;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: RateLimitDto, nullable: true, description: RATE_LIMIT_DESCRIPTION })
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitDto)
  rateLimit?: RateLimitDto | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_CONCURRENCY_LIMIT,
    description: MAX_CONCURRENCY_DESCRIPTION,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CONCURRENCY_LIMIT)
  maxConcurrency?: number | null;
}
