import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { AlertLevel } from './alert.rules';
import { AlertStateEntity } from './alert-state.entity';

/** The alert_state rows; every decision shared by instances is a conditional UPDATE (Galera certifies it). */
@Injectable()
export class AlertStateRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo(): Repository<AlertStateEntity> {
    return this.unitOfWork.manager().getRepository(AlertStateEntity);
  }

  list(): Promise<AlertStateEntity[]> {
    return this.repo().find({ order: { subject: 'ASC' } });
  }

  /** The subject's row, created at `ok` (version 0) when it has none yet (by whichever instance comes first). */
  async ensure(subject: string, now: Date): Promise<AlertStateEntity> {
    const found = await this.repo().findOneBy({ subject });
    if (found) return found;
    await this.repo()
      .createQueryBuilder()
      .insert()
      .values({
        subject,
        level: 'ok',
        reasons: [],
        version: 0,
        since: now,
        updatedAt: now,
        pausedAt: null,
        autoPaused: false,
        notifyError: null,
      })
      .orIgnore()
      .execute();
    return (await this.repo().findOneBy({ subject }))!;
  }

  /**
   * Moves the row from `seen` (the version read) to the next version with `changes`; true for
   * the one caller whose update changed it: that caller, and only it, notifies.
   */
  async claim(
    seen: AlertStateEntity,
    changes: { level: AlertLevel; reasons: string[]; since: Date; updatedAt: Date; pausedAt?: Date; autoPaused?: boolean },
  ): Promise<boolean> {
    const result = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ ...changes, version: seen.version + 1 })
      .where('subject = :subject AND version = :version', { subject: seen.subject, version: seen.version })
      .execute();
    return result.affected === 1;
  }

  /** New reasons at the same level (nothing to notify); skipped if the row moved meanwhile. */
  async refresh(seen: AlertStateEntity, changes: { reasons: string[]; autoPaused: boolean }, now: Date): Promise<void> {
    await this.repo().update({ subject: seen.subject, version: seen.version }, { ...changes, updatedAt: now });
  }

  async recordNotification(subject: string, version: number, error: string | null): Promise<void> {
    await this.repo().update({ subject, version }, { notifyError: error });
  }

  /** Subjects whose object or web service no longer exists. */
  async removeExcept(kindPrefix: string, keep: string[]): Promise<void> {
    const rows = await this.repo().find({ select: { subject: true } });
    const gone = rows.map((r) => r.subject).filter((s) => s.startsWith(kindPrefix) && !keep.includes(s));
    if (gone.length) await this.repo().delete(gone.map((subject) => ({ subject })));
  }
}
