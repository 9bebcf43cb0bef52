/**
 * Field ownership (a mapping's `direction`): which mappings each way uses, and what an
 * inbound payload carried for fields Odoo owns (ignored, shown in the change log). Pure.
 */
import { FieldMapping, mappingDirection } from '../sync-objects/sync-object.types';

/** A value the external system sent for a field it does not own: not applied. */
export interface IgnoredField {
  field: string;
  odooField: string;
  value: unknown;
  reason: string;
}

/** Mappings applied to what the external system sends (both ways, or external_to_odoo). */
export function receivedMappings<M extends Pick<FieldMapping, 'direction'>>(mappings: readonly M[]): M[] {
  return mappings.filter((m) => mappingDirection(m) !== 'odoo_to_external');
}

/** Mappings sent to the external system (both ways, or odoo_to_external). */
export function sentMappings<M extends Pick<FieldMapping, 'direction'>>(mappings: readonly M[]): M[] {
  return mappings.filter((m) => mappingDirection(m) !== 'external_to_odoo');
}

/** External fields of the mappings one side owns alone (odoo: odoo_to_external; external: external_to_odoo). */
export function ownedBy(side: 'odoo' | 'external', mappings: readonly FieldMapping[]): string[] {
  const direction = side === 'odoo' ? 'odoo_to_external' : 'external_to_odoo';
  return mappings.filter((m) => mappingDirection(m) === direction).map((m) => m.externalField);
}

/** The payload without the keys of fields Odoo owns (what the merge compares as incoming). */
export function withoutOdooOwned(payload: Record<string, unknown>, mappings: readonly FieldMapping[]): Record<string, unknown> {
  const owned = new Set(ownedBy('odoo', mappings));
  if (!owned.size) return payload;
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !owned.has(key)));
}

/** What the payload sent for fields Odoo owns, in mapping order. */
export function ignoredInbound(payload: Record<string, unknown>, mappings: readonly FieldMapping[]): IgnoredField[] {
  return mappings
    .filter((m) => mappingDirection(m) === 'odoo_to_external' && Object.prototype.hasOwnProperty.call(payload, m.externalField))
    .map((m) => ({
      field: m.externalField,
      odooField: m.odooField,
      value: payload[m.externalField] ?? null,
      reason: 'owned by Odoo (mapping direction odoo_to_external)',
    }));
}
