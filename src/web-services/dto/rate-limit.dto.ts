import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsInt, Max, Min } from 'class-validator';
import { MAX_CONCURRENCY_LIMIT, RATE_LIMIT_MAX_REQUESTS, RATE_LIMIT_MAX_SECONDS, RateLimit } from '../outbound/throttle';

/** `rateLimit`: at most `requests` calls to the web service in any `perSeconds` seconds, all instances together. */
export class RateLimitDto implements RateLimit {
  @ApiProperty({ minimum: 1, maximum: RATE_LIMIT_MAX_REQUESTS, example: 10 })
  @IsDefined({ message: 'requests is required' })
  @IsInt()
  @Min(1)
  @Max(RATE_LIMIT_MAX_REQUESTS)
  requests!: number;

  @ApiProperty({ minimum: 1, maximum: RATE_LIMIT_MAX_SECONDS, example: 1 })
  @IsDefined({ message: 'perSeconds is required' })
  @IsInt()
  @Min(1)
  @Max(RATE_LIMIT_MAX_SECONDS)
  perSeconds!: number;
}

export const RATE_LIMIT_DESCRIPTION =
  'At most `requests` calls (sends, receives, confirmations, tests) in any `perSeconds` seconds, shared by every instance ' +
  'on the database (a call schedule in web_service_throttle); null: no limit';
const MAX_RANGE = `1..${MAX_CONCURRENCY_LIMIT}`;
export const MAX_CONCURRENCY_DESCRIPTION = `Calls in flight at once to this web service, per instance (${MAX_RANGE}); null: no limit`;
