import { Injectable } from '@nestjs/common';
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
export class SettingsService {
  private cached: { value: Readonly<Settings>; loadedAt: number } | undefined;
  private loading: Promise<Readonly<Settings>> | undefined;
  /** Bumped by every invalidation so a read that started before an update never re-caches stale values. */
  private generation = 0;

  constructor(
    private readonly repository: SettingsRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** The current settings (a frozen object, at most SETTINGS_CACHE_TTL_MS old). */
  async get(): Promise<Readonly<Settings>> {
    const cached = this.cached;
    if (cached && Date.now() - cached.loadedAt < SETTINGS_CACHE_TTL_MS) return cached.value;
    if (!this.loading) {
      const loading = this.load().finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  /** Partial update: only the properties present are changed. Returns the settings as now stored. */
  async update(changes: UpdateSettingsDto): Promise<Readonly<Settings>> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<Settings>;
    if (Object.keys(defined).length) await this.unitOfWork.run((manager) => this.repository.write(manager, defined));
    this.invalidate();
    return this.get();
  }

  /** Drop the cached copy (after a change made by this process). */
  invalidate(): void {
    this.generation++;
    this.cached = undefined;
    this.loading = undefined;
  }

  private async load(): Promise<Readonly<Settings>> {
    const generation = this.generation;
    const value = Object.freeze(await this.repository.read());
    if (generation === this.generation) this.cached = { value, loadedAt: Date.now() };
    return value;
  }
}
