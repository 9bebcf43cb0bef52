/** The API's view of a sync run. */
import { SyncRunEntity } from './sync-run.entity';
import { NO_RUN_DRIFT, RunCounts, RunDrift, RunProgress, RunStatus, RunTrigger } from './sync-run.types';

export interface SyncRunView {
  id: number;
  syncObjectId: number;
  trigger: RunTrigger;
  status: RunStatus;
  /** Cron runs: the due time served; null for manual runs. */
  plannedAt: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
  counts: RunCounts;
  error: string | null;
  progress: RunProgress | null;
  /** Held runs: why; and its release once released. */
  hold: RunHold | null;
  guardBypassed: boolean;
  drift: RunDrift;
}

export interface RunHold {
  reason: string;
  releasedAt: Date | null;
  releasedBy: string | null;
}

export function toRunView(run: SyncRunEntity): SyncRunView {
  return {
    id: run.id,
    syncObjectId: run.syncObjectId,
    trigger: run.trigger,
    status: run.status,
    plannedAt: run.plannedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    counts: { received: run.received, applied: run.applied, failed: run.failed, confirmed: run.confirmed, sent: run.sent },
    error: run.error,
    progress: run.progress,
    hold: run.holdReason === null ? null : { reason: run.holdReason, releasedAt: run.releasedAt, releasedBy: run.releasedBy },
    guardBypassed: run.guardBypassed,
    drift: run.drift ?? { ...NO_RUN_DRIFT },
  };
}
