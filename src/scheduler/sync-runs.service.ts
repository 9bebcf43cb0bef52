import { Injectable } from '@nestjs/common';
import { AuditContext } from '../audit/audit.context';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError } from '../common/errors';
import { SyncObjectsService } from '../sync-objects/sync-object.service';
import { ListSyncRunsQuery } from './dto/sync-run.dto';
import { ObjectRunner } from './object-run.service';
import { RunClaims } from './run-claims.service';
import { SyncRunRepository } from './sync-run.repository';
import { SyncRunView, toRunView } from './sync-run.view';

/** Sync runs as the admin API sees them: the history, and running an object now. */
@Injectable()
export class SyncRunsService {
  constructor(
    private readonly runs: SyncRunRepository,
    private readonly claims: RunClaims,
    private readonly runner: ObjectRunner,
    private readonly syncObjects: SyncObjectsService,
    private readonly audit: AuditService,
    private readonly auditContext: AuditContext,
  ) {}

  async list(query: ListSyncRunsQuery): Promise<{ items: SyncRunView[]; total: number }> {
    const page = await this.runs.list({ ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
    return { items: page.items.map(toRunView), total: page.total };
  }

  async get(id: number): Promise<SyncRunView> {
    const run = await this.runs.findById(id);
    if (!run) throw new NotFoundError('SYNC_RUN.NOT_FOUND', `sync run ${id} does not exist`);
    return toRunView(run);
  }

  /**
   * Runs the object now, whatever its mode and direction, and answers the finished run.
   * `bypassGuard`: this one run is not weighed by the mass-change guard (audited).
   */
  async runNow(syncObjectId: number, options: { bypassGuard?: boolean } = {}): Promise<SyncRunView> {
    const object = await this.syncObjects.getEntity(syncObjectId);
    if (!object.active) {
      throw new ConflictError(
        'SYNC_RUN.OBJECT_INACTIVE',
        `sync object ${syncObjectId} ("${object.name}") is inactive; activate it to run it`,
        {
          details: [{ field: 'id', problem: 'the sync object is inactive' }],
        },
      );
    }
    const bypassGuard = options.bypassGuard === true;
    const run = await this.claims.claimManual(syncObjectId, new Date(), {
      guardBypassed: bypassGuard,
      // Only a run without the guard is an admin decision worth the trail.
      audit: bypassGuard
        ? () =>
            this.audit.record({
              action: 'run',
              resourceType: 'sync-object',
              resourceId: syncObjectId,
              label: object.name,
              details: { bypassGuard: true },
            })
        : undefined,
    });
    return toRunView(await this.runner.execute(run));
  }

  /** Applies a held run's kept plan, once; recorded on the run (releasedAt, releasedBy) and in the audit trail. */
  async release(id: number): Promise<SyncRunView> {
    const run = await this.runs.findById(id);
    if (!run) throw new NotFoundError('SYNC_RUN.NOT_FOUND', `sync run ${id} does not exist`);
    const { actor, client } = this.auditContext.caller();
    const by = client ? `${actor} (${client})` : actor;
    await this.claims.claimRelease(run, by, new Date(), () =>
      this.audit.record({
        action: 'release',
        resourceType: 'sync-run',
        resourceId: id,
        label: `run ${id} of sync object ${run.syncObjectId}`,
        details: { syncObjectId: run.syncObjectId, holdReason: run.holdReason },
      }),
    );
    const claimed = (await this.runs.findById(id)) ?? run;
    return toRunView(await this.runner.release(claimed));
  }
}
