/** Reads several pages share (lists for pickers and names). */
import { client, ok } from './client';
import type { OutboxStatus, SyncRun } from './views';

export const listSyncObjects = () => ok(client.GET('/api/sync-objects'));
export const listWebServices = () => ok(client.GET('/api/web-services'));
export const listSyncModels = () => ok(client.GET('/api/sync-models'));
export const listOdooModels = () => ok(client.GET('/api/models'));
export const listAlerts = async () => (await ok(client.GET('/api/alerts'))).items;

export const outboxPage = (query: {
  status?: OutboxStatus;
  syncObjectId?: number;
  model?: string;
  recordId?: number;
  limit?: number;
  offset?: number;
}) => ok(client.GET('/api/outbox', { params: { query } }));

export const runsPage = (query: {
  syncObjectId?: number;
  status?: SyncRun['status'];
  trigger?: SyncRun['trigger'];
  limit?: number;
  offset?: number;
}) => ok(client.GET('/api/sync-runs', { params: { query } }));

/** Id → name, for showing which object a row belongs to. */
export function namesById<T extends { id: number; name: string }>(items: T[] | undefined): (id: number | null | undefined) => string {
  const names = new Map((items ?? []).map((item) => [item.id, item.name]));
  return (id) => (id === null || id === undefined ? '—' : (names.get(id) ?? `#${id}`));
}
