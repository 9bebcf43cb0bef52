import { Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

export const DAY_MS = 86_400_000;
/** Daily jobs first run a minute after start (not during start-up itself). */
export const FIRST_DAILY_RUN_MS = 60_000;

type Task = () => unknown;

/**
 * Every periodic job of Synchro (scheduler tick, outbox poll, run heartbeats, the
 * retention purges) is a named timer in @nestjs/schedule's SchedulerRegistry
 * (ScheduleModule.forRoot() in AppModule): one list of what runs, and ScheduleModule
 * clears them all at shutdown. The periods come from the environment at start-up,
 * hence the registry rather than @Interval's constant. The timers are unref'd: a
 * job never keeps the process alive. What a job does when several instances tick
 * together is the job's business (database claims); this only drives the ticks.
 */
@Injectable()
export class PeriodicJobs {
  private readonly logger = new Logger('Jobs');

  /** Per job: its period and when a run of it last ended (readiness: is the job still ticking?). */
  private readonly beats = new Map<string, { everyMs: number; lastDoneAt?: number }>();

  constructor(private readonly registry: SchedulerRegistry) {}

  /** `task` every `everyMs`, and once right away when `immediately`. */
  every(name: string, everyMs: number, task: Task, options: { immediately?: boolean } = {}): void {
    this.beats.set(name, { everyMs });
    const run = this.guarded(name, task);
    this.registry.addInterval(name, setInterval(run, everyMs).unref());
    if (options.immediately) run();
  }

  /** `task` a minute after start, then every day (each instance; the tasks are safe to repeat). */
  daily(name: string, task: Task): void {
    const run = this.guarded(name, task);
    this.registry.addTimeout(`${name}.first`, setTimeout(run, FIRST_DAILY_RUN_MS).unref());
    this.registry.addInterval(name, setInterval(run, DAY_MS).unref());
  }

  /** Stops the job (whatever was registered under the name; nothing if ScheduleModule already cleared it). */
  stop(name: string): void {
    this.beats.delete(name);
    if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
    if (this.registry.doesExist('timeout', `${name}.first`)) this.registry.deleteTimeout(`${name}.first`);
  }

  /**
   * Whether the job `name` (started with `every`) is running and one of its runs ended within
   * `max(3 periods, 10 s)`; undefined when no such job was started (or it was stopped).
   */
  ticking(name: string, now = Date.now()): boolean | undefined {
    const beat = this.beats.get(name);
    if (!beat) return undefined;
    return beat.lastDoneAt !== undefined && now - beat.lastDoneAt <= Math.max(3 * beat.everyMs, 10_000);
  }

  /** A failing run is logged and the job goes on. */
  private guarded(name: string, task: Task): () => void {
    const done = () => {
      const beat = this.beats.get(name);
      if (beat) beat.lastDoneAt = Date.now();
    };
    return () => {
      try {
        void Promise.resolve(task())
          .catch((error: unknown) => this.logger.error(`${name} failed: ${describe(error)}`))
          .finally(done);
      } catch (error) {
        this.logger.error(`${name} failed: ${describe(error)}`);
      }
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
