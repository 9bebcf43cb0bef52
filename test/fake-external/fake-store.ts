/**
 * Per-model state of the fake external system: the queue of offered changes
 * (what `receive` hands out until confirmed) and the record store that `send` writes to.
 * Both are Maps keyed by the external id as a string, so 1 and "1" are the same record
 * and every offer/confirm/apply is O(1); Map keeps insertion order, which is the offer order.
 */
import type { ConfirmationItem, JsonObject, OfferAction, OfferedItem, SendBody } from './fake-types';

const OFFER_ACTIONS: readonly string[] = ['insert', 'update', 'delete'];

/** External ids compare as strings; anything else than a string or finite number is no id. */
export function idKey(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class ModelStore {
  private readonly offered = new Map<string, OfferedItem>();
  private readonly store = new Map<string, JsonObject>();
  /** Idempotency-Key → the answer given the first time, replayed on duplicates. */
  private readonly answers = new Map<string, JsonObject>();
  private nextId = 1;

  constructor(
    readonly code: string,
    private readonly idField: string,
  ) {}

  /**
   * Offers one change. An insert without an id gets the next free numeric id; an id
   * already pending is replaced in place (latest change wins, position kept).
   */
  offer(action: OfferAction, values: JsonObject): OfferedItem {
    const problem = this.checkOffer(action, values);
    if (problem !== null) throw new Error(problem);
    let key = idKey(values[this.idField]);
    let stored = values;
    if (key === null) {
      const id = this.nextId;
      key = String(id);
      stored = { ...values, [this.idField]: id };
    }
    this.bump(key);
    const item: OfferedItem = { action, values: stored };
    this.offered.set(key, item);
    return item;
  }

  /** Why an offer would be refused, or null; lets callers validate a batch before applying it. */
  checkOffer(action: unknown, values: unknown): string | null {
    if (typeof action !== 'string' || !OFFER_ACTIONS.includes(action)) {
      return `unknown action "${String(action)}": use insert, update or delete`;
    }
    if (!isJsonObject(values)) return 'values must be an object';
    if (action !== 'insert' && idKey(values[this.idField]) === null) return `${action} needs values.${this.idField}`;
    return null;
  }

  /** The first `limit` offered items, without copying the whole queue. */
  take(limit: number): OfferedItem[] {
    const out: OfferedItem[] = [];
    if (limit <= 0) return out;
    for (const item of this.offered.values()) {
      out.push(item);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Applies per-record statuses: success removes the item from the queue, anything
   * else leaves it offered for the next receive. Unknown ids are ignored, as a real
   * system would after a restart. Returns how many items were removed.
   */
  confirm(items: readonly ConfirmationItem[]): number {
    let removed = 0;
    for (const item of items) {
      const key = idKey(item.external_id);
      if (item.status === 'success' && key !== null && this.offered.delete(key)) removed++;
    }
    return removed;
  }

  /**
   * Applies one send to the record store and returns the answer body. A create
   * without an id gets a new one (returned as `external_id`); update merges into the
   * stored values (an unknown id is created, the send carries the full state anyway);
   * delete of an unknown id is still a success.
   */
  applySend(body: SendBody): JsonObject {
    const answer: JsonObject = { status: 'success', error_message: false };
    let key = idKey(body.external_id);
    if (body.action === 'create') {
      if (key === null) {
        const id = this.nextId;
        key = String(id);
        answer.external_id = id;
      }
      this.bump(key);
      this.store.set(key, { ...body.values });
    } else if (body.action === 'update') {
      if (key === null) throw new Error('update needs external_id');
      this.bump(key);
      this.store.set(key, { ...(this.store.get(key) ?? {}), ...body.values });
    } else {
      if (key === null) throw new Error('delete needs external_id');
      this.store.delete(key);
    }
    return answer;
  }

  /** The answer recorded for an Idempotency-Key, if that key was seen. */
  answerFor(idempotencyKey: string): JsonObject | undefined {
    return this.answers.get(idempotencyKey);
  }

  rememberAnswer(idempotencyKey: string, answer: JsonObject): void {
    this.answers.set(idempotencyKey, answer);
  }

  setRecord(externalId: string | number, values: JsonObject): void {
    const key = idKey(externalId);
    if (key === null) throw new Error('externalId must be a non-empty string or a number');
    this.bump(key);
    this.store.set(key, { ...values });
  }

  deleteRecord(externalId: string | number): boolean {
    const key = idKey(externalId);
    return key !== null && this.store.delete(key);
  }

  /** A copy, so callers can't change the fake's state by accident. */
  records(): Map<string, JsonObject> {
    return new Map(this.store);
  }

  record(externalId: string | number): JsonObject | undefined {
    const key = idKey(externalId);
    return key === null ? undefined : this.store.get(key);
  }

  pending(): OfferedItem[] {
    return [...this.offered.values()];
  }

  get recordCount(): number {
    return this.store.size;
  }

  get pendingCount(): number {
    return this.offered.size;
  }

  /** Keeps assigned ids clear of every numeric id already in use. */
  private bump(key: string): void {
    if (/^\d+$/.test(key)) {
      const n = Number(key);
      if (n >= this.nextId) this.nextId = n + 1;
    }
  }
}
