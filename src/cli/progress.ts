import { Presets, SingleBar } from 'cli-progress';

export type ProgressFields = Record<string, string | number>;

/**
 * Live progress of a run or a resync. On a terminal a cli-progress bar redrawn in place; otherwise
 * (a pipe, a log file, CI) one plain line per update, and only when something changed.
 */
export class Progress {
  private bar: SingleBar | null = null;
  private last = '';

  constructor(
    private readonly label: string,
    /** The fields shown, in order (`received`, `applied`, ...). */
    private readonly names: readonly string[],
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly tty: boolean = Boolean(process.stdout.isTTY),
  ) {}

  update(value: number, total: number, fields: ProgressFields): void {
    const line = `${this.label}: ${this.names.map((name) => `${name} ${fields[name] ?? 0}`).join(', ')}`;
    if (line === this.last) return;
    this.last = line;
    if (!this.tty) {
      this.out.write(`${line}\n`);
      return;
    }
    if (!this.bar) {
      const format = `${this.label} [{bar}] {value}/{total} | ${this.names.map((name) => `${name} {${name}}`).join(' | ')}`;
      this.bar = new SingleBar(
        { format, stream: this.out, hideCursor: true, clearOnComplete: false, etaBuffer: 5 },
        Presets.shades_classic,
      );
      this.bar.start(Math.max(total, 1), value, fields);
    }
    this.bar.setTotal(Math.max(total, 1));
    this.bar.update(value, fields);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

/** Columns padded to their widest cell; the header underlined. */
export function formatTable(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell)).replace(/\s+/g, ' ')));
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}
