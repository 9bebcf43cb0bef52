import { Injectable } from '@nestjs/common';

/** Names of the objects (e.g. sync objects) that use a web service; empty when none. */
export type WebServiceUsageCheck = (webServiceId: number) => Promise<string[]>;

/**
 * Modules that reference web services (sync-objects) register a check here at init,
 * so this module can refuse to delete a web service in use without depending on them.
 */
@Injectable()
export class WebServiceUsage {
  private readonly checks: WebServiceUsageCheck[] = [];

  register(check: WebServiceUsageCheck): void {
    this.checks.push(check);
  }

  /** Every user reported by every registered check, deduplicated, sorted. */
  async usersOf(webServiceId: number): Promise<string[]> {
    const results = await Promise.all(this.checks.map((check) => check(webServiceId)));
    return [...new Set(results.flat())].sort((a, b) => a.localeCompare(b));
  }
}
