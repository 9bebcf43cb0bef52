import { ApiProperty } from '@nestjs/swagger';
import type { RunHold, SyncRunView } from '../sync-run.view';
import { RUN_STATUSES, RUN_TRIGGERS, RunCounts, RunDrift, RunPhase, RunProgress, RunStatus, RunTrigger } from '../sync-run.types';

export class RunCountsView implements RunCounts {
  @ApiProperty({ description: 'Items the external system handed out' }) received!: number;
  @ApiProperty({ description: 'Received items applied locally' }) applied!: number;
  @ApiProperty({ description: 'Received items that failed, plus local changes whose delivery failed' }) failed!: number;
  @ApiProperty({ description: 'Items whose confirmation the external system accepted' }) confirmed!: number;
  @ApiProperty({ description: 'Local changes delivered' }) sent!: number;
}

export class RunProgressView implements RunProgress {
  @ApiProperty({ enum: ['starting', 'receive', 'confirm', 'send', 'done'] }) phase!: RunPhase;
  @ApiProperty({ description: 'Receive batches done so far' }) batches!: number;
  @ApiProperty() message!: string;
}

export class RunHoldView implements RunHold {
  @ApiProperty({ example: 'maxDeletes.percent 20 exceeded: 35 of 120 records (29.2 %)', description: 'The threshold and the figures' })
  reason!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When its plan was released (applied)' })
  releasedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who released it' }) releasedBy!: string | null;
}

export class RunDriftView implements RunDrift {
  @ApiProperty({ description: 'Received keys the sync model does not define' }) unknownKeys!: number;
  @ApiProperty({ description: 'Mapped fields received before that items stopped carrying' }) missingFields!: number;
  @ApiProperty({ description: 'Values that did not fit their field (those items failed)' }) typeMismatches!: number;
}

/** A run of a sync object (OpenAPI description of `SyncRunView`). */
export class SyncRunResponse implements SyncRunView {
  @ApiProperty() id!: number;
  @ApiProperty() syncObjectId!: number;
  @ApiProperty({ enum: RUN_TRIGGERS }) trigger!: RunTrigger;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Cron runs: the due time served' })
  plannedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: Date | null;
  @ApiProperty({ type: RunCountsView }) counts!: RunCountsView;
  @ApiProperty({ type: String, nullable: true, description: 'failed runs: the step that failed and why' }) error!: string | null;
  @ApiProperty({ type: RunProgressView, nullable: true }) progress!: RunProgressView | null;
  @ApiProperty({ type: RunHoldView, nullable: true, description: 'Held runs (status held, or released since): why, and the release' })
  hold!: RunHoldView | null;
  @ApiProperty({ description: 'Started with bypassGuard: the mass-change guard did not weigh it' }) guardBypassed!: boolean;
  @ApiProperty({ type: RunDriftView, description: 'Schema drift of the items received (GET /api/sync-objects/:id/drift)' })
  drift!: RunDriftView;
}

export class SyncRunPageView {
  @ApiProperty({ type: [SyncRunResponse] }) items!: SyncRunResponse[];
  @ApiProperty() total!: number;
}
