/** Auth failures: the per-address limit of failed authentications (AuthFailureLimiter), for every credential check. */
import { Global, Module } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { AuthFailureLimiter } from './auth-failures';

@Global()
@Module({
  providers: [ThrottlerStorageService, AuthFailureLimiter],
  exports: [AuthFailureLimiter],
})
export class AuthFailuresModule {}
