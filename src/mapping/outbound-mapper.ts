/**
 * Odoo record → the `values` of the seed's send request, for one sync object.
 * Pure: relational fields with a reference field become the target's reference
 * value (country_id 4 → "ES"); x2many become lists; empty values are null; dates
 * and datetimes are already ISO strings in serialized records. The caller supplies
 * the reference values (one query per target and field, see `referencesNeeded`).
 * Fields the external system owns (direction external_to_odoo) are never sent.
 */
import { isRelational, isX2many, ModelDefinition } from '../odoo/model-definition';
import { FieldMapping } from '../sync-objects/sync-object.types';
import { sentMappings } from './field-ownership';

export interface ReferenceNeed {
  target: string;
  referenceField: string;
  ids: number[];
}

/** target#field → id → reference value */
export type ReferenceValues = Map<string, Map<number, unknown>>;

export function referencesNeeded(records: Record<string, unknown>[], mappings: FieldMapping[], model: ModelDefinition): ReferenceNeed[] {
  const needs = new Map<string, ReferenceNeed>();
  for (const mapping of sentMappings(mappings)) {
    const field = model.fields[mapping.odooField];
    if (!isRelational(field.type) || !mapping.referenceField) continue;
    const key = `${field.relation}#${mapping.referenceField}`;
    const need = needs.get(key) ?? { target: field.relation!, referenceField: mapping.referenceField, ids: [] };
    for (const record of records) {
      const value = record[field.name];
      if (Array.isArray(value)) need.ids.push(...(value as number[]));
      else if (typeof value === 'number') need.ids.push(value);
    }
    needs.set(key, need);
  }
  return [...needs.values()].map((need) => ({ ...need, ids: [...new Set(need.ids)] }));
}

export function mapOutbound(
  record: Record<string, unknown>,
  mappings: FieldMapping[],
  model: ModelDefinition,
  references: ReferenceValues,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const mapping of sentMappings(mappings)) {
    const field = model.fields[mapping.odooField];
    const value = record[field.name];
    if (isRelational(field.type) && mapping.referenceField) {
      const lookup = references.get(`${field.relation}#${mapping.referenceField}`) ?? new Map<number, unknown>();
      values[mapping.externalField] = isX2many(field.type)
        ? ((value as number[] | undefined) ?? []).map((id) => lookup.get(id) ?? null)
        : typeof value === 'number'
          ? (lookup.get(value) ?? null)
          : null;
    } else {
      values[mapping.externalField] =
        value === undefined || value === '' ? null : field.type !== 'boolean' && value === false ? null : value;
    }
  }
  return values;
}
