import { WebServiceThrottle } from '../../../../src/web-services/outbound/web-service.throttle';
import { WebServiceEntity } from '../../../../src/web-services/web-service.entity';
import { WebServiceThrottleRepository } from '../../../../src/web-services/web-service-throttle.repository';
import { Reservation } from '../../../../src/web-services/outbound/throttle';

/**
 * The schedule as a stored row would behave (next free slot, pause moves it), kept in memory so a
 * test can hold a reservation in flight: the race a Retry-After meets on a loaded machine (the
 * reservation taken before the pause reached the database lands after it).
 */
class HeldSchedule {
  next = 0;
  private gate: Promise<void> | null = null;
  private open: () => void = () => undefined;

  holdNextReservation(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.open();
  }

  async reserve(_id: number, plan: (nextSlotMs: number) => Reservation): Promise<number[]> {
    const reservation = plan(this.next); // read (and decided) before the pause ...
    this.next = reservation.nextSlotMs;
    const gate = this.gate;
    this.gate = null;
    if (gate) await gate; // ... answered after it
    return reservation.slots;
  }

  async pauseUntil(_id: number, untilMs: number): Promise<void> {
    this.next = Math.max(this.next, untilMs);
  }
}

describe('WebServiceThrottle and a Retry-After', () => {
  const webService = (requests: number) =>
    ({ id: 1, rateLimitRequests: requests, rateLimitPerSeconds: 1, maxConcurrency: null }) as unknown as WebServiceEntity;

  // 50/s: the second caller is handed a pooled slot at once and waits for it; 2/s: its slot is a
  // reservation still in flight (held) when the Retry-After comes.
  it.each([50, 2])('at %i/s no call starts before the pause, whenever its slot was reserved', async (requests) => {
    const schedule = new HeldSchedule();
    const throttle = new WebServiceThrottle(schedule as unknown as WebServiceThrottleRepository);
    const startedAt: number[] = [];
    const call = () => throttle.run(webService(requests), async () => void startedAt.push(Date.now()));

    await call();
    schedule.holdNextReservation();
    // The Retry-After comes right after the second caller was given its slot (or began waiting for a
    // reservation): the pause is set before any timer can fire, whatever the machine's load.
    const second = call();
    const pauseEnd = Date.now() + 800; // after the 2/s second slot (+500)
    const paused = throttle.pauseUntil(webService(requests), pauseEnd);
    schedule.release();
    await paused;
    await second;
    expect(startedAt[1]).toBeGreaterThanOrEqual(pauseEnd);
  });
});
