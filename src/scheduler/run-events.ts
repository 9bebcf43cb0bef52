import { Injectable, Logger } from '@nestjs/common';
import { SyncRunEntity } from './sync-run.entity';

type Listener = (run: SyncRunEntity) => unknown;

/**
 * "A run finished", for the modules above the scheduler (the alerts evaluate then). The
 * runner awaits the listeners before it answers the run; a failing listener is logged and
 * never changes the run.
 */
@Injectable()
export class RunEvents {
  private readonly logger = new Logger('RunEvents');
  private readonly listeners: Listener[] = [];

  onFinished(listener: Listener): void {
    this.listeners.push(listener);
  }

  async finished(run: SyncRunEntity): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(run);
      } catch (error) {
        this.logger.error(`after run ${run.id}: ${(error as Error)?.message ?? String(error)}`);
      }
    }
  }
}
