import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SettingsService } from '../settings/settings.service';
import { OutboxRepository } from './outbox.repository';

const DAY_MS = 86_400_000;

/**
 * Delivered and skipped outbox rows are history (change control keeps the trace):
 * they are deleted once older than `logRetentionDays`, a minute after start and then
 * daily, so the outbox does not grow without end. Pending and dead rows are never purged.
 */
@Injectable()
export class OutboxRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRetention');
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly settings: SettingsService,
  ) {}

  onApplicationBootstrap(): void {
    const run = () => void this.purge().catch((error: unknown) => this.logger.error(`outbox purge failed: ${(error as Error).message}`));
    this.timers = [setTimeout(run, 60_000), setInterval(run, DAY_MS)];
    this.timers.forEach((timer) => timer.unref());
  }

  onModuleDestroy(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
  }

  async purge(now: Date = new Date()): Promise<void> {
    const { logRetentionDays } = await this.settings.get();
    await this.outbox.purgeDone(new Date(now.getTime() - logRetentionDays * DAY_MS));
  }
}
