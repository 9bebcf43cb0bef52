/**
 * "Who uses this?" checks that other modules register, so a module can refuse to
 * delete a resource still in use without importing its users (no import cycles).
 */
export type UsageCheck = (id: number) => Promise<string[]>;

export class UsageChecks {
  private readonly checks: UsageCheck[] = [];

  register(check: UsageCheck): void {
    this.checks.push(check);
  }

  /** Names of everything using `id`, from every registered check, deduplicated and sorted. */
  async usersOf(id: number): Promise<string[]> {
    const names = await Promise.all(this.checks.map((check) => check(id)));
    return [...new Set(names.flat())].sort((a, b) => a.localeCompare(b));
  }
}
