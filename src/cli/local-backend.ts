import { INestApplicationContext, Type } from '@nestjs/common';
import { ApiKeysService } from '../api-keys/api-key.service';
import { CreateApiKeyDto } from '../api-keys/dto/create-api-key.dto';
import { ListChangeLogQuery } from '../change-control/dto/list-change-log.query';
import { ChangeLogQueryService } from '../change-control/change-log-query.service';
import { SynchroError } from '../common/errors';
import { createValidationPipe } from '../common/validation.pipe';
import { ConfigTransferService } from '../config-transfer/config-transfer.service';
import { ConfigDocumentDto } from '../config-transfer/dto/config-document.dto';
import { ListOutboxQuery } from '../outbox/dto/outbox.dto';
import { OutboxResync } from '../outbox/outbox-resync.service';
import { OutboxService } from '../outbox/outbox.service';
import { DryRunService } from '../scheduler/dry-run.service';
import { SyncRunsService } from '../scheduler/sync-runs.service';
import { SyncObjectsService } from '../sync-objects/sync-object.service';
import {
  ApiKeyJson,
  Backend,
  ChangeLogFilter,
  ChangeLogJson,
  DryRunJson,
  ObjectRef,
  OperationError,
  OutboxFilter,
  OutboxJson,
  RunJson,
} from './backend';

/**
 * The commands against the configured database: the application's own services in a Nest
 * application context (no HTTP server, no scheduler, no periodic alert evaluation). Input
 * goes through the API's validation pipe and DTOs, so both backends refuse the same things.
 */
export class LocalBackend implements Backend {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly app: INestApplicationContext,
    readonly target: string,
  ) {}

  /** Runs `work`, turning the application's typed errors into one-line operation errors. */
  private async do<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SynchroError) throw new OperationError(error.message);
      throw error;
    }
  }

  private validated<T extends object>(metatype: Type<T>, value: unknown, type: 'body' | 'query'): Promise<T> {
    return this.do(() => this.pipe.transform(value, { type, metatype }) as Promise<T>);
  }

  async objects(): Promise<ObjectRef[]> {
    return (await this.app.get(SyncObjectsService).list()).map((o) => ({ id: o.id, name: o.name, active: o.active, mode: o.mode }));
  }

  run(objectId: number): Promise<RunJson> {
    return this.do(() => this.app.get(SyncRunsService).runNow(objectId)) as Promise<RunJson>;
  }

  async runningRun(objectId: number): Promise<RunJson | null> {
    const page = await this.app.get(SyncRunsService).list({ syncObjectId: objectId, status: 'running', limit: 1 });
    return (page.items[0] as RunJson | undefined) ?? null;
  }

  dryRun(objectId: number, options: { receive: boolean; offset: number; limit: number }): Promise<DryRunJson> {
    return this.do(() => this.app.get(DryRunService).dryRun(objectId, options));
  }

  resync(objectId: number): Promise<{ queued: number }> {
    return this.do(() => this.app.get(OutboxResync).resync(objectId));
  }

  async outboxCount(objectId: number, status: string): Promise<number> {
    const query = await this.validated(ListOutboxQuery, { syncObjectId: objectId, status, limit: 1 }, 'query');
    return (await this.app.get(OutboxService).list(query)).total;
  }

  async createApiKey(body: { name: string; key?: string; syncModelCodes?: string[] }): Promise<ApiKeyJson> {
    const dto = await this.validated(CreateApiKeyDto, body, 'body');
    return this.do(() => this.app.get(ApiKeysService).create(dto));
  }

  listApiKeys(): Promise<ApiKeyJson[]> {
    return this.app.get(ApiKeysService).list();
  }

  revokeApiKey(id: number): Promise<void> {
    return this.do(() => this.app.get(ApiKeysService).revoke(id));
  }

  exportConfig(): Promise<unknown> {
    return this.app.get(ConfigTransferService).export();
  }

  async importConfig(document: unknown) {
    const dto = await this.validated(ConfigDocumentDto, document, 'body');
    return this.do(() => this.app.get(ConfigTransferService).import(dto));
  }

  async changeLog(filter: ChangeLogFilter): Promise<ChangeLogJson[]> {
    const query = await this.validated(ListChangeLogQuery, { ...filter }, 'query');
    return (await this.app.get(ChangeLogQueryService).list(query)).items as ChangeLogJson[];
  }

  async outbox(filter: OutboxFilter): Promise<{ items: OutboxJson[]; total: number }> {
    const query = await this.validated(ListOutboxQuery, { ...filter }, 'query');
    return this.app.get(OutboxService).list(query);
  }

  retryOutbox(id: number): Promise<OutboxJson> {
    return this.do(() => this.app.get(OutboxService).retry(id));
  }

  retryAllOutbox(syncObjectId?: number): Promise<{ retried: number }> {
    return this.do(() => this.app.get(OutboxService).retryAll({ syncObjectId }));
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
