import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { RefreshingCache } from '../common/refreshing-cache';
import { UnitOfWork } from '../database/unit-of-work';
import { UpdateSettingsDto } from './dto/update-settings.dto';
import { SettingsRepository } from './settings.repository';
import { Settings } from './settings.types';
import { isRedactedEcho, redactedWebhookUrl } from './webhook-url';

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

  /** Seal a webhook URL an earlier version stored in clear; warm the cache (the first burst of requests must not wait for one load). */
  async onApplicationBootstrap(): Promise<void> {
    // A write only when there is one: instances starting together must not all take the write lock.
    const legacy = await this.repository.legacyWebhookUrl();
    if (legacy !== null) await this.unitOfWork.run(() => this.repository.write({ alertWebhookUrl: legacy }));
    await this.get();
  }

  /** The current settings (a frozen object; refreshed in the background after SETTINGS_CACHE_TTL_MS). */
  get(): Promise<Readonly<Settings>> {
    return this.cache.get();
  }

  /** The settings as the API answers them: the webhook URL redacted (webhook-url.ts). */
  async view(): Promise<Settings> {
    return redacted(await this.get());
  }

  /**
   * Partial update: only the properties present are changed. Returns the settings as the API answers
   * them. The redacted webhook URL sent back (a client PUTting what GET answered) keeps the stored one.
   */
  async update(changes: UpdateSettingsDto): Promise<Settings> {
    const before = await this.unitOfWork.outside(() => this.get());
    const defined = Object.fromEntries(
      Object.entries(changes).filter(
        ([key, value]) => value !== undefined && !(key === 'alertWebhookUrl' && isRedactedEcho(value, before.alertWebhookUrl)),
      ),
    ) as Partial<Settings>;
    if (Object.keys(defined).length) {
      await this.unitOfWork.run(async () => {
        await this.repository.write(defined);
        // The audit trail keeps that the URL changed, never the URL.
        await this.audit.record({
          action: 'update',
          resourceType: 'settings',
          before: redacted(before),
          after: redacted({ ...before, ...defined }),
        });
      });
    }
    this.invalidate();
    return this.view();
  }

  /** Drop the cached copy (after a change made by this process). */
  invalidate(): void {
    this.cache.invalidate();
  }
}

function redacted(settings: Readonly<Settings>): Settings {
  return { ...settings, alertWebhookUrl: redactedWebhookUrl(settings.alertWebhookUrl) };
}
