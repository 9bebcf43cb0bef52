import { Injectable } from '@nestjs/common';
import { SyncObjectsService } from '../sync-objects/sync-object.service';
import { SchemaDriftPolicy } from '../sync-objects/sync-object.types';
import type { DriftKind } from './drift-detector';
import { DriftRepository } from './drift.repository';
import { ListDriftQuery } from './dto/drift.dto';

export interface DriftEntryView {
  field: string;
  kind: DriftKind;
  firstSeenAt: Date;
  lastSeenAt: Date;
  count: number;
  /** The latest value received (short; never a secret); null for a missing field. */
  example: string | null;
}

export interface DriftPageView {
  items: DriftEntryView[];
  total: number;
  /** The object's policy now (ignore: nothing new is counted). */
  policy: SchemaDriftPolicy;
}

/** The schema drift recorded for a sync object, as the admin API shows it. */
@Injectable()
export class DriftService {
  constructor(
    private readonly repository: DriftRepository,
    private readonly syncObjects: SyncObjectsService,
  ) {}

  async list(syncObjectId: number, query: ListDriftQuery): Promise<DriftPageView> {
    const object = await this.syncObjects.getEntity(syncObjectId);
    const page = await this.repository.list(syncObjectId, { kind: query.kind, limit: query.limit ?? 50, offset: query.offset ?? 0 });
    return {
      items: page.items.map((row) => ({
        field: row.field,
        kind: row.kind,
        firstSeenAt: row.firstSeenAt,
        lastSeenAt: row.lastSeenAt,
        count: row.occurrences,
        example: row.example,
      })),
      total: page.total,
      policy: object.schemaDrift,
    };
  }
}
