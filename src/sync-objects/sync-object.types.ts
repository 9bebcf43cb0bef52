/** Enums of the seed's sync objects (exact wire values) and the shapes stored with them. Pure. */

export const DIRECTIONS = ['odoo_to_external', 'external_to_odoo', 'bidirectional'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const MODES = ['cron', 'realtime'] as const;
export type SyncMode = (typeof MODES)[number];

export const PRIORITIES = ['odoo', 'external'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SCHEDULE_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months'] as const;
export type ScheduleUnit = (typeof SCHEDULE_UNITS)[number];

export const ENDPOINT_ACTIONS = ['create', 'write', 'unlink'] as const;
export type EndpointAction = (typeof ENDPOINT_ACTIONS)[number];

/** Field ownership inside a bidirectional object: which way one mapping travels (default both). */
export const MAPPING_DIRECTIONS = ['both', 'odoo_to_external', 'external_to_odoo'] as const;
export type MappingDirection = (typeof MAPPING_DIRECTIONS)[number];

export interface FieldMapping {
  odooField: string;
  externalField: string;
  /** For relational Odoo fields: the field of the target model the external value refers to (e.g. `code`). */
  referenceField: string | null;
  /** Absent in mappings stored before field ownership existed: both. */
  direction?: MappingDirection;
}

/** The way a mapping travels; mappings stored before field ownership travel both ways. */
export function mappingDirection(mapping: { direction?: MappingDirection }): MappingDirection {
  return mapping.direction ?? 'both';
}

/** One row of the seed's API tab: an inbound route that can be switched off. */
export interface EndpointSetting {
  action: EndpointAction;
  active: boolean;
  description: string;
}

export const ENDPOINT_METHODS: Record<EndpointAction, 'POST' | 'PUT' | 'DELETE'> = { create: 'POST', write: 'PUT', unlink: 'DELETE' };

export const DEFAULT_ENDPOINTS: EndpointSetting[] = [
  { action: 'create', active: true, description: 'Pass dict of values in data.' },
  { action: 'write', active: true, description: 'Pass dict of values in data.' },
  { action: 'unlink', active: true, description: '' },
];

export function receivesFromExternal(direction: Direction): boolean {
  return direction === 'external_to_odoo' || direction === 'bidirectional';
}

export function sendsToExternal(direction: Direction): boolean {
  return direction === 'odoo_to_external' || direction === 'bidirectional';
}

/**
 * Schema drift (what received payloads carry that the sync model does not say): ignore = not counted,
 * warn = counted (GET /api/sync-objects/:id/drift, the run's drift counts), hold = counted, and a cron run
 * in which a mapped field stopped arriving is held.
 */
export const SCHEMA_DRIFT_POLICIES = ['ignore', 'warn', 'hold'] as const;
export type SchemaDriftPolicy = (typeof SCHEMA_DRIFT_POLICIES)[number];
export const DEFAULT_SCHEMA_DRIFT: SchemaDriftPolicy = 'warn';

/**
 * Flapping records: a record whose changes went back and forth between the two sides `changes` times
 * within `windowSeconds` is flagged, and its further changes are held until an admin releases it.
 */
export interface FlappingPolicy {
  changes: number;
  windowSeconds: number;
}
export const DEFAULT_FLAPPING: FlappingPolicy = { changes: 6, windowSeconds: 600 };
