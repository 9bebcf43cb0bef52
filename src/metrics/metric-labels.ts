import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Names used as label values (`sync_object`, `web_service`): the configured names, looked up by
 * id once and cached (reloaded at every scrape, so a rename shows on the next one). Reads go through
 * the default connection, outside any transaction, and never fail a caller: an id whose name
 * cannot be read is labelled `#<id>`.
 */
@Injectable()
export class MetricLabels {
  private readonly names = { sync_object: new Map<number, string>(), web_service: new Map<number, string>() };

  constructor(private readonly dataSource: DataSource) {}

  async syncObject(id: number | null | undefined): Promise<string> {
    return this.lookup('sync_object', id);
  }

  async webService(id: number | null | undefined): Promise<string> {
    return this.lookup('web_service', id);
  }

  /** The name when it is known already (no I/O); undefined otherwise. */
  cached(table: 'sync_object' | 'web_service', id: number | null | undefined): string | undefined {
    if (id === null || id === undefined) return 'none';
    return this.names[table].get(id);
  }

  /** Every name, fresh (at each scrape). */
  async reload(): Promise<void> {
    for (const table of ['sync_object', 'web_service'] as const) {
      const rows = (await this.dataSource.query(`SELECT id, name FROM ${table}`)) as { id: number | string; name: string }[];
      const names = this.names[table];
      names.clear();
      for (const row of rows) names.set(Number(row.id), row.name);
    }
  }

  private async lookup(table: 'sync_object' | 'web_service', id: number | null | undefined): Promise<string> {
    if (id === null || id === undefined) return 'none';
    const cached = this.names[table].get(id);
    if (cached !== undefined) return cached;
    try {
      const [row] = (await this.dataSource.query(`SELECT name FROM ${table} WHERE id = ?`, [id])) as { name: string }[];
      if (row) this.names[table].set(id, row.name);
      return row?.name ?? `#${id}`;
    } catch {
      return `#${id}`;
    }
  }
}
