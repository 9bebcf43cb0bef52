/** The API's view of a sync object, with the seed's endpoint table generated from its sync-model code. */
import { scheduleOf } from './schedule';
import { SyncObjectEntity } from './sync-object.entity';
import { ENDPOINT_METHODS, EndpointAction, FieldMapping, MappingDirection, mappingDirection, ScheduleUnit } from './sync-object.types';

export interface EndpointView {
  action: EndpointAction;
  method: 'POST' | 'PUT' | 'DELETE';
  url: string;
  description: string;
  active: boolean;
}

/** As it was given: an interval or a cron expression with its zone. */
export type ScheduleView = { interval: number; unit: ScheduleUnit } | { cron: string; timezone: string };

type ScheduleColumn = 'scheduleInterval' | 'scheduleUnit' | 'scheduleCron' | 'scheduleTimezone' | 'scheduleAnchorAt';

export type SyncObjectView = Omit<SyncObjectEntity, ScheduleColumn | 'endpoints' | 'fields'> & {
  fields: (FieldMapping & { direction: MappingDirection })[];
  syncModelCode: string | null;
  schedule: ScheduleView;
  endpoints: EndpointView[];
};

export function toView(entity: SyncObjectEntity, syncModelCode: string | null, publicUrl: string): SyncObjectView {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the schedule columns are shown as one `schedule`
  const { scheduleInterval, scheduleUnit, scheduleCron, scheduleTimezone, scheduleAnchorAt, endpoints, fields, ...rest } = entity;
  const schedule = scheduleOf(entity);
  const base = `${publicUrl}/sync/${syncModelCode ?? '?'}`;
  return {
    ...rest,
    fields: fields.map((mapping) => ({ ...mapping, direction: mappingDirection(mapping) })),
    syncModelCode,
    schedule:
      schedule.kind === 'cron'
        ? { cron: schedule.cron, timezone: schedule.timezone }
        : { interval: schedule.interval, unit: schedule.unit },
    endpoints: endpoints.map((endpoint) => ({
      action: endpoint.action,
      method: ENDPOINT_METHODS[endpoint.action],
      url: endpoint.action === 'create' ? `${base}/create` : `${base}/<external_id>`,
      description: endpoint.description,
      active: endpoint.active,
    })),
  };
}
