/** change-control: the log of every synchronization (the seed's change control), queries, CSV export, retention. */
import { Module } from '@nestjs/common';

@Module({})
export class ChangeControlModule {}
