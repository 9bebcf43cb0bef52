import { Injectable } from '@nestjs/common';
import { Limiter } from '../../common/limiter';
import { WebServiceEntity } from '../web-service.entity';
import { WebServiceThrottleRepository } from '../web-service-throttle.repository';
import { lateStartMs, rateLimitOf, RateLimit, reserveSlots, slotIntervalMs, slotsPerReservation, usableSlots } from './throttle';

interface Waiter {
  resolve: (slotMs: number) => void;
  reject: (error: unknown) => void;
}

/** This instance's share of one web service's schedule: slots reserved and not used yet, and the callers waiting. */
interface Lane {
  pool: number[];
  waiting: Waiter[];
  reserving: boolean;
  /** When a slot was last handed out (epoch ms): callers keep coming, reserve ahead. */
  lastHandedOut: number;
  /** The latest Retry-After's end (epoch ms): no slot before it is handed out, whenever it was reserved. */
  pausedUntil: number;
}

/** Slots handed out this recently mean more callers are coming (a backlog): keep a reservation ahead. */
const DEMAND_MEMORY_MS = 1000;

/**
 * The gate every call to a throttled web service passes (WebServiceClient.post): `maxConcurrency`
 * calls in flight at once on this instance, and a start slot from the rate limit's schedule,
 * which lives in the database (web_service_throttle) so that all instances share it. An instance
 * reserves ~250 ms of the schedule at a time (throttle.ts), one reservation ahead while calls keep
 * coming, and hands those slots to its callers, so the database sees a few compare-and-swap
 * UPDATEs a second per throttled web service (none without a rate limit) and a slow commit does
 * not slow the calls. A call starts at its slot, or
 * at most lateStartMs after it; one woken later (a busy event loop) takes a new slot, and slots
 * nobody used in time are dropped: lost time, never an extra call.
 */
@Injectable()
export class WebServiceThrottle {
  private readonly lanes = new Map<number, Lane>();
  private readonly limiters = new Map<number, Limiter>();

  constructor(private readonly schedule: WebServiceThrottleRepository) {}

  /** Runs `call` when the web service's limits allow it. */
  async run<T>(webService: WebServiceEntity, call: () => Promise<T>): Promise<T> {
    const limit = rateLimitOf(webService);
    if (!limit && !webService.maxConcurrency) return call();
    const gated = async (): Promise<T> => {
      if (limit) await this.slot(webService.id, limit);
      return call();
    };
    const limiter = this.limiterOf(webService);
    return limiter ? limiter.run(gated) : gated();
  }

  /** A Retry-After from the web service: no call of any instance starts before `untilMs`. */
  async pauseUntil(webService: WebServiceEntity, untilMs: number): Promise<void> {
    if (!rateLimitOf(webService)) return;
    // This instance's reserved slots before the end of the pause are given up too.
    // A reservation in flight (taken before the pause reached the schedule) is filtered when it lands.
    const lane = this.laneOf(webService.id);
    lane.pausedUntil = Math.max(lane.pausedUntil, untilMs);
    lane.pool = lane.pool.filter((slot) => slot >= untilMs);
    await this.schedule.pauseUntil(webService.id, untilMs);
  }

  private laneOf(webServiceId: number): Lane {
    let lane = this.lanes.get(webServiceId);
    if (!lane) this.lanes.set(webServiceId, (lane = { pool: [], waiting: [], reserving: false, lastHandedOut: 0, pausedUntil: 0 }));
    return lane;
  }

  /** The per-instance bound of calls in flight; a changed maxConcurrency applies to new calls (the old limiter drains its own). */
  private limiterOf(webService: WebServiceEntity): Limiter | undefined {
    const size = webService.maxConcurrency;
    if (!size) return undefined;
    let limiter = this.limiters.get(webService.id);
    if (limiter?.limit !== size) this.limiters.set(webService.id, (limiter = new Limiter(size)));
    return limiter;
  }

  /** Waits until this caller's slot has come; woken too late, it takes another. */
  private async slot(webServiceId: number, limit: RateLimit): Promise<void> {
    const late = lateStartMs(limit);
    for (;;) {
      const lane = this.laneOf(webServiceId);
      const slotMs = await new Promise<number>((resolve, reject) => {
        lane.waiting.push({ resolve, reject });
        void this.handOut(webServiceId, lane, limit);
      });
      const wait = slotMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // A Retry-After that came while this caller waited for its slot: a slot before its end is given up.
      if (slotMs < lane.pausedUntil) continue;
      if (Date.now() - slotMs <= late) return;
    }
  }

  /**
   * Gives pooled slots to the waiting callers in order, reserving more (one reservation at a time)
   * while some wait, and one reservation ahead while callers keep coming (a slot handed out in the
   * last second), so the next callers find slots ready and a slow commit costs no slot.
   */
  private async handOut(webServiceId: number, lane: Lane, limit: RateLimit): Promise<void> {
    if (lane.reserving) return;
    lane.reserving = true;
    const chunk = slotsPerReservation(limit);
    try {
      for (;;) {
        lane.pool = usableSlots(lane.pool, Date.now(), lateStartMs(limit)).filter((slot) => slot >= lane.pausedUntil);
        while (lane.pool.length && lane.waiting.length) {
          lane.waiting.shift()!.resolve(lane.pool.shift()!);
          lane.lastHandedOut = Date.now();
        }
        const busy = lane.waiting.length > 0 || Date.now() - lane.lastHandedOut < DEMAND_MEMORY_MS;
        if (!busy || (!lane.waiting.length && lane.pool.length >= chunk)) return;
        const interval = slotIntervalMs(limit);
        try {
          // Later slots than any pooled one: the schedule only moves forward.
          lane.pool.push(...(await this.schedule.reserve(webServiceId, (next) => reserveSlots(next, Date.now(), interval, chunk))));
        } catch (error) {
          for (const waiter of lane.waiting.splice(0)) waiter.reject(error);
          return;
        }
      }
    } finally {
      lane.reserving = false;
    }
  }
}
