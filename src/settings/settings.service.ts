import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { RefreshingCache } from '../common/refreshing-cache';
import { UnitOfWork } from '../database/unit-of-work';
import { UpdateSettingsDto } from './dto/update-settings.dto';
import { SettingsRepository } from './settings.repository';
import { Settings } from './settings.types';

/**
 * How long a cached copy is trusted. Settings are read on hot paths (every
 * change-log write), so they are cached; an update in this process drops the
 * cache at once, and other instances sharing the database see it within this TTL.
 */
export const SETTINGS_CACHE_TTL_MS = 5_000;

@Injectable()
export class SettingsService implements OnApplicationBootstrap {
  private readonly cache: RefreshingCache<Readonly<Settings>>;

  constructor(
    private readonly repository: SettingsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {
    this.cache = new RefreshingCache(
      async () => Object.freeze(await this.repository.read()),
      SETTINGS_CACHE_TTL_MS,
      (work) => unitOfWork.outside(work),
    );
  }

  /** Warm the cache at start-up, so the first burst of requests does not all wait for one load. */
  async onApplicationBootstrap(): Promise<void> {
    await this.get();
  }

  /** The current settings (a frozen object; refreshed in the background after SETTINGS_CACHE_TTL_MS). */
  get(): Promise<Readonly<Settings>> {
    return this.cache.get();
  }

  /** Partial update: only the properties present are changed. Returns the settings as now stored. */
  async update(changes: UpdateSettingsDto): Promise<Readonly<Settings>> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<Settings>;
    if (Object.keys(defined).length) {
      const before = await this.unitOfWork.outside(() => this.get());
      await this.unitOfWork.run(async () => {
        await this.repository.write(defined);
        await this.audit.record({ action: 'update', resourceType: 'settings', before, after: { ...before, ...defined } });
      });
    }
    this.invalidate();
    return this.get();
  }

  /** Drop the cached copy (after a change made by this process). */
  invalidate(): void {
    this.cache.invalidate();
  }
}
