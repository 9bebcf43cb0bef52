import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { Reservation } from './outbound/throttle';
import { WebServiceThrottleEntity } from './web-service-throttle.entity';

/** Compare-and-swap rounds before a reservation gives up (each lost round means another instance got slots). */
const CAS_ROUNDS = 50;

/**
 * web_service_throttle: one row per throttled web service, moved only by conditional UPDATEs
 * (compare-and-swap on next_slot_ms), so instances on one database — or on several Galera
 * nodes, where the UPDATE is what the cluster certifies — never hand out the same slot twice.
 */
@Injectable()
export class WebServiceThrottleRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo() {
    return this.unitOfWork.manager().getRepository(WebServiceThrottleEntity);
  }

  /** Takes slots from the shared schedule: `plan(nextSlotMs)` says which; retried while another instance moved it first. */
  async reserve(webServiceId: number, plan: (nextSlotMs: number) => Reservation): Promise<number[]> {
    for (let round = 0; round < CAS_ROUNDS; round++) {
      // One short transaction per round (on SQLite that also keeps it out of another's open transaction).
      const slots = await this.unitOfWork.run(
        async () => {
          const seen = await this.current(webServiceId);
          const reservation = plan(seen);
          return (await this.swap(webServiceId, seen, reservation.nextSlotMs)) ? reservation.slots : null;
        },
        { readCommitted: true },
      );
      if (slots) return slots;
    }
    throw new Error(`web service ${webServiceId}: the call schedule kept moving (${CAS_ROUNDS} rounds lost)`);
  }

  /** No slot before `untilMs` (a Retry-After): moves the schedule forward, never back. */
  async pauseUntil(webServiceId: number, untilMs: number): Promise<void> {
    const until = Math.ceil(untilMs);
    await this.unitOfWork.run(
      async () => {
        await this.current(webServiceId);
        await this.repo()
          .createQueryBuilder()
          .update()
          .set({ nextSlotMs: until })
          .where('web_service_id = :webServiceId AND next_slot_ms < :until', { webServiceId, until })
          .execute();
      },
      { readCommitted: true },
    );
  }

  private async current(webServiceId: number): Promise<number> {
    const row = await this.repo().findOneBy({ webServiceId });
    if (row) return row.nextSlotMs;
    // The first call of this web service: create its row (a racing instance's insert wins, same value).
    await this.repo().createQueryBuilder().insert().values({ webServiceId, nextSlotMs: 0 }).orIgnore().execute();
    return (await this.repo().findOneByOrFail({ webServiceId })).nextSlotMs;
  }

  private async swap(webServiceId: number, seen: number, next: number): Promise<boolean> {
    const result = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ nextSlotMs: next })
      .where('web_service_id = :webServiceId AND next_slot_ms = :seen', { webServiceId, seen })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
