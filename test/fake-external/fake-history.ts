/**
 * History of requests, overall and per model code. Capped so benchmarks that make
 * thousands of calls don't grow memory without bound; trimming drops the oldest half
 * at once so the cost stays amortised O(1) per request.
 */
import type { RecordedRequest } from './fake-types';

export class RequestHistory {
  private all: RecordedRequest[] = [];
  private byCode = new Map<string, RecordedRequest[]>();
  private seq = 0;

  constructor(private readonly max: number) {}

  nextSeq(): number {
    return ++this.seq;
  }

  add(entry: RecordedRequest): void {
    this.all = this.push(this.all, entry);
    if (entry.code !== null) {
      this.byCode.set(entry.code, this.push(this.byCode.get(entry.code) ?? [], entry));
    }
  }

  /** Oldest first; a copy. */
  list(code?: string): RecordedRequest[] {
    if (code === undefined) return [...this.all];
    return [...(this.byCode.get(code) ?? [])];
  }

  /** The last `n` entries of a code without copying its whole history. */
  last(code: string, n: number): RecordedRequest[] {
    const list = this.byCode.get(code) ?? [];
    return list.slice(Math.max(0, list.length - n));
  }

  count(code: string): number {
    return this.byCode.get(code)?.length ?? 0;
  }

  clear(): void {
    this.all = [];
    this.byCode = new Map();
  }

  private push(list: RecordedRequest[], entry: RecordedRequest): RecordedRequest[] {
    list.push(entry);
    return list.length > this.max * 2 ? list.slice(list.length - this.max) : list;
  }
}
