import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { csvLine } from './csv';
import { toChangeLogFilter } from './change-log-filter';
import { ChangeLogRepository } from './change-log.repository';
import { ChangeLogCursor, ChangeLogFilter } from './change-log.types';
import { CSV_COLUMNS, toCsvValues } from './change-log.view';
import { ChangeLogFilterQuery } from './dto/change-log-filter.query';

/** Rows read per query while exporting: memory stays flat whatever the export's size. */
export const EXPORT_CHUNK_ROWS = 1_000;

/** The CSV export of the change log. */
@Injectable()
export class ChangeLogExportService {
  constructor(private readonly repository: ChangeLogRepository) {}

  /**
   * The filtered log as CSV, newest first. Bad filters throw here, before
   * anything is sent; the rows are then read chunk by chunk (keyset pagination)
   * only as fast as the client takes them (the stream pulls the generator).
   */
  csv(query: ChangeLogFilterQuery): Readable {
    const filter = toChangeLogFilter(query);
    return Readable.from(this.chunks(filter), { objectMode: false });
  }

  private async *chunks(filter: ChangeLogFilter): AsyncGenerator<string> {
    yield csvLine(CSV_COLUMNS);
    let after: ChangeLogCursor | undefined;
    for (;;) {
      const rows = await this.repository.findPage(filter, { limit: EXPORT_CHUNK_ROWS, after });
      if (rows.length) yield rows.map((row) => csvLine(toCsvValues(row))).join('');
      if (rows.length < EXPORT_CHUNK_ROWS) return;
      const last = rows[rows.length - 1];
      after = { id: last.id, syncedAt: last.syncedAt };
    }
  }
}
