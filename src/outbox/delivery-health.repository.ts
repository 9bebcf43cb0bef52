import { Injectable } from '@nestjs/common';
import { Brackets, Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { DeliveryHealthEntity } from './delivery-health.entity';

/** How often a healthy web service's lastSuccessAt is rewritten, at most. */
const SUCCESS_RESOLUTION_MS = 1000;

/** Per web service delivery health: consecutive failures and the circuit breaker's pause. */
@Injectable()
export class DeliveryHealthRepository {
  /** Reads inside a running transaction use its connection (never a second pooled one). */
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo(): Repository<DeliveryHealthEntity> {
    return this.unitOfWork.manager().getRepository(DeliveryHealthEntity);
  }

  find(webServiceId: number): Promise<DeliveryHealthEntity | null> {
    return this.repo().findOneBy({ webServiceId });
  }

  /**
   * A healthy web service's row is rewritten at most once a second (lastSuccessAt moves
   * in 1 s steps): every instance records every delivered batch, and on a Galera cluster
   * two nodes writing this one shared row at once cost one of them its whole recording
   * transaction (a certification conflict, re-run). An UPDATE that matches no row
   * writes nothing, so it conflicts with nothing.
   */
  async recordSuccess(webServiceId: number, at: Date): Promise<void> {
    const changed = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ consecutiveFailures: 0, outageFailures: 0, pausedUntil: null, lastSuccessAt: at })
      .where('web_service_id = :webServiceId', { webServiceId })
      .andWhere(
        new Brackets((stale) =>
          stale
            .where('consecutive_failures <> 0')
            .orWhere('outage_failures <> 0')
            .orWhere('paused_until IS NOT NULL')
            .orWhere('last_success_at IS NULL')
            .orWhere('last_success_at < :recent', { recent: new Date(at.getTime() - SUCCESS_RESOLUTION_MS) }),
        ),
      )
      .execute();
    // No row yet (the first delivery): create it. A fresh row is left alone.
    if (!changed.affected && !(await this.repo().existsBy({ webServiceId })))
      await this.repo().upsert({ webServiceId, consecutiveFailures: 0, outageFailures: 0, pausedUntil: null, lastSuccessAt: at }, [
        'webServiceId',
      ]);
  }

  /** Counts `count` failures; after `threshold` in a row the web service's deliveries pause until `at + cooldownMs`. */
  async recordFailure(webServiceId: number, error: string, at: Date, threshold: number, cooldownMs: number, count = 1): Promise<void> {
    const current = await this.repo().findOneBy({ webServiceId });
    const failures = (current?.consecutiveFailures ?? 0) + count;
    const pausedUntil = failures >= threshold ? new Date(at.getTime() + cooldownMs) : (current?.pausedUntil ?? null);
    await this.repo().save({
      webServiceId,
      consecutiveFailures: failures,
      outageFailures: current?.outageFailures ?? 0,
      pausedUntil,
      lastError: error.slice(0, 2000),
      lastErrorAt: at,
      lastSuccessAt: current?.lastSuccessAt ?? null,
    });
  }

  /**
   * The web service answered "unavailable" (a batch counts once): it is paused until
   * `at + pauseMs(n)`, n its unavailable answers in a row, and then probed with one call.
   * The rows' attempts are not touched (DeliveryRecorder).
   */
  async recordOutage(webServiceId: number, error: string, at: Date, pauseMs: (failures: number) => number, count: number): Promise<void> {
    const current = await this.repo().findOneBy({ webServiceId });
    const outageFailures = (current?.outageFailures ?? 0) + 1;
    await this.repo().save({
      webServiceId,
      consecutiveFailures: (current?.consecutiveFailures ?? 0) + count,
      outageFailures,
      pausedUntil: new Date(at.getTime() + pauseMs(outageFailures)),
      lastError: error.slice(0, 2000),
      lastErrorAt: at,
      lastSuccessAt: current?.lastSuccessAt ?? null,
    });
  }

  /**
   * The web services in an outage whose pause is over, each now held paused until
   * `holdUntil` for this caller's one probe call (a conditional UPDATE: of instances
   * claiming at once, one probes). The probe's answer ends the hold (recordSuccess /
   * recordOutage); a probe lost with its instance is retried once the hold runs out.
   */
  async takeProbes(now: Date, holdUntil: Date): Promise<number[]> {
    const due = await this.repo()
      .createQueryBuilder('h')
      .select('h.web_service_id', 'id')
      .where('h.outage_failures > 0')
      .andWhere('h.paused_until <= :now', { now })
      .getRawMany<{ id: number | string }>();
    const taken: number[] = [];
    for (const { id } of due) {
      const result = await this.repo()
        .createQueryBuilder()
        .update()
        .set({ pausedUntil: holdUntil })
        .where('web_service_id = :id AND outage_failures > 0 AND paused_until <= :now', { id: Number(id), now })
        .execute();
      if (result.affected) taken.push(Number(id));
    }
    return taken;
  }

  /** A probe taken but not used (no row to send): due again at once. */
  async releaseProbe(webServiceId: number, now: Date): Promise<void> {
    await this.repo().update({ webServiceId }, { pausedUntil: now });
  }
}
