import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, ValidateNested, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Type } from 'class-transformer';
import { MAX_CONCURRENCY_DESCRIPTION, RATE_LIMIT_DESCRIPTION, RateLimitDto } from './rate-limit.dto';
import { MAX_CONCURRENCY_LIMIT } from '../outbound/throttle';
import { AUTH_MODES, AuthMode, TIMEOUT_MAX_MS, TIMEOUT_MIN_MS, URL_MAX_LENGTH } from '../web-service.rules';
import { OptionalNotNull } from './validation';

/**
 * A partial update (PUT and PATCH alike): omitted fields keep their value, `null`
 * clears an optional one — for password, apiKey and signingSecret, omitted keeps the stored secret
 * and `null` removes it. The merged result is checked against the rules as a whole.
 */
export class UpdateWebServiceDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 128 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 128)
  name?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(URL_MAX_LENGTH)
  url?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  needsConfirmation?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(URL_MAX_LENGTH)
  confirmationUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(URL_MAX_LENGTH)
  shippingUrl?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  needsAuthentication?: boolean;

  @ApiPropertyOptional({ enum: AUTH_MODES, nullable: true })
  @IsOptional()
  @IsIn(AUTH_MODES)
  authMode?: AuthMode | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  username?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, writeOnly: true, description: 'Omit to keep the stored password; null removes it' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, writeOnly: true, description: 'Omit to keep the stored key; null removes it' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  apiKey?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    writeOnly: true,
    description: 'A new signing secret (`whsec_<base64>` or 16+ characters) rotates it; omit to keep the stored one; null removes it',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(1024)
  signingSecret?: string | null;

  @ApiPropertyOptional({ minimum: TIMEOUT_MIN_MS, maximum: TIMEOUT_MAX_MS })
  @OptionalNotNull()
  @IsInt()
  @Min(TIMEOUT_MIN_MS)
  @Max(TIMEOUT_MAX_MS)
  timeoutMs?: number;

  @ApiPropertyOptional()
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
