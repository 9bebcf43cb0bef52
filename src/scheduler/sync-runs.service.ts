import { Injectable } from '@nestjs/common';
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

  /** Runs the object now, whatever its mode and direction, and answers the finished run. */
  async runNow(syncObjectId: number): Promise<SyncRunView> {
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
    const run = await this.claims.claimManual(syncObjectId, new Date());
    return toRunView(await this.runner.execute(run));
  }
}
