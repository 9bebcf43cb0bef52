import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { DeliveryHealthEntity } from './delivery-health.entity';

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

  async recordSuccess(webServiceId: number, at: Date): Promise<void> {
    await this.repo().upsert({ webServiceId, consecutiveFailures: 0, pausedUntil: null, lastSuccessAt: at }, ['webServiceId']);
  }

  /** Counts `count` failures; after `threshold` in a row the web service's deliveries pause until `at + cooldownMs`. */
  async recordFailure(webServiceId: number, error: string, at: Date, threshold: number, cooldownMs: number, count = 1): Promise<void> {
    const current = await this.repo().findOneBy({ webServiceId });
    const failures = (current?.consecutiveFailures ?? 0) + count;
    const pausedUntil = failures >= threshold ? new Date(at.getTime() + cooldownMs) : (current?.pausedUntil ?? null);
    await this.repo().save({
      webServiceId,
      consecutiveFailures: failures,
      pausedUntil,
      lastError: error.slice(0, 2000),
      lastErrorAt: at,
      lastSuccessAt: current?.lastSuccessAt ?? null,
    });
  }
}
