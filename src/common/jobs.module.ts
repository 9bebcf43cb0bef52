/**
 * Jobs: @nestjs/schedule registered once for the whole application, and
 * PeriodicJobs, the one way a module runs something periodically (named jobs).
 */
import { Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { PeriodicJobs } from './periodic-jobs';

@Global()
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [PeriodicJobs],
  exports: [PeriodicJobs],
})
export class JobsModule {}
