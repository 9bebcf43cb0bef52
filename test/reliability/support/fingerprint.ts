/**
 * A fingerprint of every table's content, to prove that a rejected request wrote nothing. On
 * MySQL/MariaDB one `CHECKSUM TABLE` over all tables; on SQLite every row, hashed. Log tables (the
 * change log, which records failed inbound items by design, and its text index) are left out and
 * checked apart: a rejected call may add a failed row there, nothing else. An API key's last use is
 * recorded for every authenticated call, rejected or not, and is not part of the fingerprint.
 * `sync_drift` counts what received payloads showed, failed items included by design (a type mismatch is a
 * failed item), so a rejected inbound call may move its counts; it is left out like the change log.
 */
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

const LOG_TABLES = /^(change_log|sync_drift$)/;
/** Bookkeeping columns a rejected but authenticated call may move: the key's last use. */
const IGNORED_COLUMNS: Record<string, string[]> = { sync_api_key: ['last_used_at'] };

export class Fingerprint {
  private tables: string[] = [];

  constructor(private readonly ds: DataSource) {}

  private get mysql(): boolean {
    return this.ds.options.type === 'mysql';
  }

  async load(): Promise<this> {
    const sql = this.mysql
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
    const names = ((await this.ds.query(sql)) as { name: string }[]).map((r) => r.name).sort();
    this.tables = names.filter((n) => !LOG_TABLES.test(n));
    return this;
  }

  get tableCount(): number {
    return this.tables.length;
  }

  /** Table → checksum of its content. */
  async take(): Promise<Record<string, string>> {
    const sums: Record<string, string> = {};
    const hashed = this.mysql ? this.tables.filter((t) => IGNORED_COLUMNS[t]) : this.tables;
    const checked = this.tables.filter((t) => !hashed.includes(t));
    if (checked.length) {
      const rows = (await this.ds.query(`CHECKSUM TABLE ${checked.map((t) => `\`${t}\``).join(', ')}`)) as {
        Table: string;
        Checksum: unknown;
      }[];
      for (const r of rows) sums[r.Table.replace(/^.*\./, '')] = String(r.Checksum);
    }
    for (const table of hashed) {
      const rows = (await this.ds.query(`SELECT * FROM ${this.mysql ? `\`${table}\`` : `"${table}"`} ORDER BY 1`)) as Record<
        string,
        unknown
      >[];
      for (const row of rows) for (const column of IGNORED_COLUMNS[table] ?? []) delete row[column];
      sums[table] = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    }
    return sums;
  }

  /**
   * SQLite's count of rows written through the app's one connection (`total_changes()`), so a
   * request that wrote nothing is known without hashing every table; null on MySQL/MariaDB, whose
   * pool has no such counter.
   */
  async writes(): Promise<number | null> {
    if (this.mysql) return null;
    return Number(((await this.ds.query('SELECT total_changes() AS n')) as { n: unknown }[])[0].n);
  }

  /** The tables whose content differs between two fingerprints. */
  static changed(before: Record<string, string>, after: Record<string, string>): string[] {
    return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
  }

  /** Change-log rows by status (what a rejected call may add to is the failed count only). */
  async logCounts(): Promise<Record<string, number>> {
    const rows = (await this.ds.query('SELECT status, COUNT(*) AS n FROM change_log GROUP BY status')) as { status: string; n: unknown }[];
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
