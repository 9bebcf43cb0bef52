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

/** The commands against a running instance's admin API (`--url`, `--token`), with Node's fetch. */
export class RemoteBackend implements Backend {
  readonly target: string;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {
    this.target = baseUrl;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          Authorization: `Bearer ${this.token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause;
      throw new OperationError(`cannot reach ${this.baseUrl}: ${cause?.message ?? (error as Error).message}`);
    }
    const text = await response.text();
    const json = text ? (safeParse(text) as { message?: unknown } | undefined) : undefined;
    if (!response.ok) {
      const message = typeof json?.message === 'string' ? json.message : text.slice(0, 200) || response.statusText;
      throw new OperationError(`${method} ${path}: HTTP ${response.status}: ${message}`);
    }
    return json as T;
  }

  objects(): Promise<ObjectRef[]> {
    return this.call('GET', '/api/sync-objects');
  }

  run(objectId: number): Promise<RunJson> {
    return this.call('POST', `/api/sync-objects/${objectId}/run`);
  }

  async runningRun(objectId: number): Promise<RunJson | null> {
    const page = await this.call<{ items: RunJson[] }>('GET', `/api/sync-runs?syncObjectId=${objectId}&status=running&limit=1`);
    return page.items[0] ?? null;
  }

  dryRun(objectId: number, options: { receive: boolean; offset: number; limit: number }): Promise<DryRunJson> {
    return this.call('POST', `/api/sync-objects/${objectId}/dry-run?limit=${options.limit}&offset=${options.offset}`, {
      receive: options.receive,
    });
  }

  resync(objectId: number): Promise<{ queued: number }> {
    return this.call('POST', `/api/sync-objects/${objectId}/resync`);
  }

  async outboxCount(objectId: number, status: string): Promise<number> {
    return (await this.call<{ total: number }>('GET', `/api/outbox?syncObjectId=${objectId}&status=${status}&limit=1`)).total;
  }

  createApiKey(body: { name: string; key?: string; syncModelCodes?: string[] }): Promise<ApiKeyJson> {
    return this.call('POST', '/api/settings/api-keys', body);
  }

  listApiKeys(): Promise<ApiKeyJson[]> {
    return this.call('GET', '/api/settings/api-keys');
  }

  async revokeApiKey(id: number): Promise<void> {
    await this.call('DELETE', `/api/settings/api-keys/${id}`);
  }

  exportConfig(): Promise<unknown> {
    return this.call('GET', '/api/config/export');
  }

  importConfig(document: unknown) {
    return this.call<{ created: Record<string, number>; updated: Record<string, number>; warnings: string[] }>(
      'POST',
      '/api/config/import',
      document,
    );
  }

  async changeLog(filter: ChangeLogFilter): Promise<ChangeLogJson[]> {
    const query = new URLSearchParams({ limit: String(filter.limit) });
    if (filter.syncObjectId) query.set('syncObjectId', String(filter.syncObjectId));
    if (filter.status) query.set('status', filter.status);
    return (await this.call<{ items: ChangeLogJson[] }>('GET', `/api/change-log?${query.toString()}`)).items;
  }

  outbox(filter: OutboxFilter): Promise<{ items: OutboxJson[]; total: number }> {
    const query = new URLSearchParams({ limit: String(filter.limit) });
    if (filter.syncObjectId) query.set('syncObjectId', String(filter.syncObjectId));
    if (filter.status) query.set('status', filter.status);
    return this.call('GET', `/api/outbox?${query.toString()}`);
  }

  retryOutbox(id: number): Promise<OutboxJson> {
    return this.call('POST', `/api/outbox/${id}/retry`);
  }

  retryAllOutbox(syncObjectId?: number): Promise<{ retried: number }> {
    return this.call('POST', '/api/outbox/retry', syncObjectId ? { syncObjectId } : {});
  }

  async close(): Promise<void> {}
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
