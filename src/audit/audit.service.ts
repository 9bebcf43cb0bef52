import { Injectable } from '@nestjs/common';
import { AuditContext } from './audit.context';
import { auditDiff, withoutSecrets } from './audit-diff';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditFilter, AuditRepository } from './audit.repository';
import type { AuditAction, AuditActor, AuditDiff, AuditResource } from './audit.types';

export interface AuditWrite {
  action: AuditAction;
  resourceType: AuditResource;
  resourceId?: string | number | null;
  label?: string | null;
  /** The resource before the write (null for a create). */
  before?: object | null;
  /** The resource after the write (null for a delete). */
  after?: object | null;
  /** What an action without a before/after did (a retry's rows, an import's counts), secrets removed. */
  details?: Record<string, unknown>;
}

export interface AuditEntryView {
  id: number;
  at: Date;
  actor: AuditActor;
  client: string | null;
  action: AuditAction;
  resourceType: AuditResource;
  resourceId: string | null;
  label: string | null;
  diff: AuditDiff;
}

/**
 * The audit trail. Services call `record` inside their own unitOfWork.run, after the write: the entry commits
 * or rolls back with the change it describes, so the trail never claims a write that did not happen.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly context: AuditContext,
  ) {}

  async record(write: AuditWrite): Promise<void> {
    const { actor, client } = this.context.caller();
    const diff = write.details
      ? auditDiff(null, withoutSecrets(write.details) as Record<string, unknown>)
      : auditDiff(asValues(write.before), asValues(write.after));
    await this.repository.insert({
      at: new Date(),
      actor,
      client: client ? client.slice(0, 64) : null,
      action: write.action,
      resourceType: write.resourceType,
      resourceId: write.resourceId === undefined || write.resourceId === null ? null : String(write.resourceId).slice(0, 160),
      label: write.label ? write.label.slice(0, 255) : null,
      diff,
    });
  }

  async list(filter: AuditFilter): Promise<{ items: AuditEntryView[]; total: number }> {
    const page = await this.repository.list(filter);
    return { items: page.items.map(toView), total: page.total };
  }
}

function asValues(value: object | null | undefined): Record<string, unknown> | null {
  return value ? (JSON.parse(JSON.stringify(value)) as Record<string, unknown>) : null;
}

function toView(entity: AuditEntryEntity): AuditEntryView {
  return { ...entity };
}
