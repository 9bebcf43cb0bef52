/** Reads several pages share (lists for pickers and names). */
import { client, ok, okAs } from './client';
import type { OdooModel, OutboxStatus, Page, OutboxRow, SyncModel, SyncObject, SyncRun, WebService } from './views';

export const listSyncObjects = () => okAs<SyncObject[]>(client.GET('/api/sync-objects'));
export const listWebServices = () => ok(client.GET('/api/web-services')) as Promise<WebService[]>;
export const listSyncModels = () => okAs<SyncModel[]>(client.GET('/api/sync-models'));
export const listOdooModels = () => okAs<OdooModel[]>(client.GET('/api/models'));

export const outboxPage = (query: {
  status?: OutboxStatus;
  syncObjectId?: number;
  model?: string;
  recordId?: number;
  limit?: number;
  offset?: number;
}) => okAs<Page<OutboxRow>>(client.GET('/api/outbox', { params: { query } }));

export const runsPage = (query: {
  syncObjectId?: number;
  status?: SyncRun['status'];
  trigger?: SyncRun['trigger'];
  limit?: number;
  offset?: number;
}) => okAs<Page<SyncRun>>(client.GET('/api/sync-runs', { params: { query } }));

/** Id → name, for showing which object a row belongs to. */
export function namesById<T extends { id: number; name: string }>(items: T[] | undefined): (id: number | null | undefined) => string {
  const names = new Map((items ?? []).map((item) => [item.id, item.name]));
  return (id) => (id === null || id === undefined ? '—' : (names.get(id) ?? `#${id}`));
}
