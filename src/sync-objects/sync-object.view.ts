/** The API's view of a sync object, with the seed's endpoint table generated from its sync-model code. */
import { SyncObjectEntity } from './sync-object.entity';
import { ENDPOINT_METHODS, EndpointAction } from './sync-object.types';

export interface EndpointView {
  action: EndpointAction;
  method: 'POST' | 'PUT' | 'DELETE';
  url: string;
  description: string;
  active: boolean;
}

export type SyncObjectView = Omit<SyncObjectEntity, 'scheduleInterval' | 'scheduleUnit' | 'endpoints'> & {
  syncModelCode: string | null;
  schedule: { interval: number; unit: SyncObjectEntity['scheduleUnit'] };
  endpoints: EndpointView[];
};

export function toView(entity: SyncObjectEntity, syncModelCode: string | null, publicUrl: string): SyncObjectView {
  const { scheduleInterval, scheduleUnit, endpoints, ...rest } = entity;
  const base = `${publicUrl}/sync/${syncModelCode ?? '?'}`;
  return {
    ...rest,
    syncModelCode,
    schedule: { interval: scheduleInterval, unit: scheduleUnit },
    endpoints: endpoints.map((endpoint) => ({
      action: endpoint.action,
      method: ENDPOINT_METHODS[endpoint.action],
      url: endpoint.action === 'create' ? `${base}/create` : `${base}/<external_id>`,
      description: endpoint.description,
      active: endpoint.active,
    })),
  };
}
