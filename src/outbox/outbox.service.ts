import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { UnitOfWork } from '../database/unit-of-work';
import { ConflictError, NotFoundError } from '../common/errors';
import { WebServiceHealthProbe } from '../web-services/web-service.health';
import { ListOutboxQuery, RetryOutboxDto, SyncStateQuery } from './dto/outbox.dto';
import { DeliveryHealthRepository } from './delivery-health.repository';
import { OutboxEntity } from '../sync-state/outbox.entity';
import { OutboxRepository } from '../sync-state/outbox.repository';
import { OutboxSignal } from './outbox.signal';
import { RecordStateEntity } from '../sync-state/record-state.entity';
import { RecordStateRepository } from '../sync-state/record-state.repository';

export interface WebServiceHealth {
  status: 'ok' | 'degraded' | 'paused';
  consecutiveFailures: number;
  pausedUntil: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastSuccessAt: Date | null;
  pendingCount: number;
  oldestPendingAgeSeconds: number | null;
}

/** Rows a retry preview lists (it counts them all). */
const PREVIEW_ROWS = 500;

/** The outbox as operators see it: what waits, what died, retrying it, and each web service's delivery health. */
@Injectable()
export class OutboxService implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly health: DeliveryHealthRepository,
    private readonly signal: OutboxSignal,
    private readonly healthProbe: WebServiceHealthProbe,
    private readonly states: RecordStateRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.healthProbe.register((id) => this.webServiceHealth(id));
  }

  list(query: ListOutboxQuery): Promise<{ items: OutboxEntity[]; total: number }> {
    return this.outbox.list({ ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  syncState(query: SyncStateQuery): Promise<RecordStateEntity[]> {
    return this.states.findByRecord(query.recordId, query.syncObjectId);
  }

  async get(id: number): Promise<OutboxEntity> {
    const row = await this.outbox.findById(id);
    if (!row) throw new NotFoundError('OUTBOX.NOT_FOUND', `outbox row ${id} does not exist`);
    return row;
  }

  async retry(id: number): Promise<OutboxEntity> {
    const row = await this.get(id);
    if (row.status !== 'dead')
      throw new ConflictError('OUTBOX.NOT_DEAD', `outbox row ${id} is ${row.status}; only dead rows can be retried`);
    await this.unitOfWork.run(async () => {
      await this.outbox.revive({ ids: [id] }, new Date());
      await this.audit.record({
        action: 'retry',
        resourceType: 'outbox-row',
        resourceId: id,
        before: { status: row.status, attempts: row.attempts },
        after: { status: 'pending', attempts: 0 },
      });
    });
    this.signal.wake();
    return this.get(id);
  }

  async retryAll(dto: RetryOutboxDto): Promise<{ retried: number; preview?: boolean; wouldRetry?: number; items?: OutboxEntity[] }> {
    if (dto.preview) {
      // Reads only: the same filter the real call's update uses (status dead, optionally one object).
      const { items, total } = await this.outbox.list({ status: 'dead', syncObjectId: dto.syncObjectId, limit: PREVIEW_ROWS, offset: 0 });
      return { retried: 0, preview: true, wouldRetry: total, items };
    }
    const retried = await this.unitOfWork.run(async () => {
      const count = await this.outbox.revive({ syncObjectId: dto.syncObjectId }, new Date());
      await this.audit.record({
        action: 'retry',
        resourceType: 'outbox-row',
        details: { syncObjectId: dto.syncObjectId ?? null, status: 'dead', retried: count },
      });
      return count;
    });
    this.signal.wake();
    return { retried };
  }

  async webServiceHealth(webServiceId: number): Promise<WebServiceHealth> {
    const [row, pending] = await Promise.all([this.health.find(webServiceId), this.outbox.countPending(webServiceId)]);
    const now = Date.now();
    const paused = !!row?.pausedUntil && row.pausedUntil.getTime() > now;
    return {
      status: paused ? 'paused' : (row?.consecutiveFailures ?? 0) > 0 ? 'degraded' : 'ok',
      consecutiveFailures: row?.consecutiveFailures ?? 0,
      pausedUntil: paused ? row!.pausedUntil : null,
      lastError: row?.lastError ?? null,
      lastErrorAt: row?.lastErrorAt ?? null,
      lastSuccessAt: row?.lastSuccessAt ?? null,
      pendingCount: pending.count,
      oldestPendingAgeSeconds: pending.oldest ? Math.max(0, Math.round((now - pending.oldest.getTime()) / 1000)) : null,
    };
  }
}
