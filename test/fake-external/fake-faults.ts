/**
 * The runtime fault switch: one active fault at a time, optionally limited to the next
 * N matching requests and to one request kind or model code.
 */
import type { FaultSpec, FaultType, RequestKind } from './fake-types';

export const FAULT_TYPES: readonly FaultType[] = [
  'http500',
  'http400',
  'http502',
  'http503',
  'http429',
  'redirect',
  'timeout',
  'slow',
  'drip',
  'reset',
  'status_failed',
  'status_error',
  'malformed_json',
  'wrong_shape',
  'huge',
];

const KINDS: readonly string[] = ['receive', 'confirm', 'send'];

export class FaultSwitch {
  private current: FaultSpec | null = null;
  private left = Infinity;
  /** Matching requests seen since the fault was set (for `every`). */
  private seen = 0;

  /** Validates eagerly: a bad spec from a test should fail there, not later on the wire. */
  set(spec: FaultSpec): void {
    if (!FAULT_TYPES.includes(spec.type)) throw new Error(`unknown fault type "${String(spec.type)}"`);
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new Error('times must be a positive integer');
    }
    if (spec.every !== undefined && (!Number.isInteger(spec.every) || spec.every < 1)) {
      throw new Error('every must be a positive integer');
    }
    if (spec.kind !== undefined && !KINDS.includes(spec.kind)) throw new Error(`unknown kind "${String(spec.kind)}"`);
    if (spec.delayMs !== undefined && (!Number.isFinite(spec.delayMs) || spec.delayMs < 0)) {
      throw new Error('delayMs must be a non-negative number');
    }
    if (spec.retryAfter !== undefined && typeof spec.retryAfter !== 'string') throw new Error('retryAfter must be a string');
    this.current = { ...spec };
    this.left = spec.times ?? Infinity;
    this.seen = 0;
  }

  clear(): void {
    this.current = null;
    this.left = Infinity;
    this.seen = 0;
  }

  /** The active fault with the uses left, or null. */
  get active(): FaultSpec | null {
    if (!this.current) return null;
    return Number.isFinite(this.left) ? { ...this.current, times: this.left } : { ...this.current };
  }

  /** Returns the fault that hits this request, using up one of its `times`. */
  take(kind: RequestKind, code: string): FaultSpec | null {
    const fault = this.current;
    if (!fault) return null;
    if (fault.kind !== undefined && fault.kind !== kind) return null;
    if (fault.code !== undefined && fault.code !== code) return null;
    this.seen++;
    if (fault.every !== undefined && this.seen % fault.every !== 0) return null;
    this.left--;
    if (this.left <= 0) this.clear();
    return fault;
  }
}
