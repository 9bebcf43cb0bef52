/**
 * External payload → Odoo values, for one sync object. Pure: it coerces every
 * mapped value to its Odoo field's type and lists the reference values that must
 * be resolved to ids (the caller resolves them in bulk, one query per target
 * model and reference field, then calls `applyReferences`).
 */
import { FieldProblem } from '../common/errors';
import { textOf } from '../common/text-of';
import { isRelational, isX2many, ModelDefinition } from '../odoo/model-definition';
import { ModelRegistry } from '../odoo/model.registry';
import { coerceFieldValue, FieldValueError, StoredValue } from '../odoo/values/field-value';
import { FieldMapping } from '../sync-objects/sync-object.types';
import { receivedMappings } from './field-ownership';

/** A relational value given by reference (e.g. country "ES" by `code`), waiting for its id. */
export interface PendingReference {
  odooField: string;
  externalField: string;
  target: string;
  referenceField: string;
  /** Coerced reference values: one for many2one, a list for x2many. */
  values: (string | number | boolean)[];
  many: boolean;
}

export interface MappedPayload {
  values: Record<string, StoredValue>;
  references: PendingReference[];
  problems: FieldProblem[];
}

/**
 * Maps the payload's mapped keys; unmapped keys are ignored (the change log keeps the whole payload),
 * and so are fields Odoo owns (direction odoo_to_external, see field-ownership.ts).
 */
export function mapInbound(
  payload: Record<string, unknown>,
  mappings: FieldMapping[],
  model: ModelDefinition,
  registry: ModelRegistry,
): MappedPayload {
  const result: MappedPayload = { values: {}, references: [], problems: [] };
  for (const mapping of receivedMappings(mappings)) {
    if (!Object.prototype.hasOwnProperty.call(payload, mapping.externalField)) continue;
    const field = model.fields[mapping.odooField];
    const raw = payload[mapping.externalField];
    try {
      if (isRelational(field.type) && mapping.referenceField) {
        const reference = referenceOf(raw, mapping, field.relation!, isX2many(field.type), registry);
        if (reference.values.length) result.references.push(reference);
        else result.values[field.name] = isX2many(field.type) ? [] : null;
      } else {
        result.values[field.name] = coerceFieldValue(field, raw, 'lenient');
      }
    } catch (error) {
      if (!(error instanceof FieldValueError)) throw error;
      result.problems.push({ field: mapping.externalField, problem: `${error.problem} (Odoo field ${mapping.odooField})` });
    }
  }
  return result;
}

/** Ids found for each (target, referenceField, value); fills the values or reports what is missing. */
export type ReferenceIndex = Map<string, Map<string, number>>;

export function referenceKey(target: string, referenceField: string): string {
  return `${target}#${referenceField}`;
}

export function applyReferences(mapped: MappedPayload, index: ReferenceIndex): void {
  for (const ref of mapped.references) {
    const found = index.get(referenceKey(ref.target, ref.referenceField)) ?? new Map<string, number>();
    const ids: number[] = [];
    const missing: string[] = [];
    for (const value of ref.values) {
      const id = found.get(textOf(value));
      if (id === undefined) missing.push(textOf(value));
      else ids.push(id);
    }
    if (missing.length) {
      mapped.problems.push({
        field: ref.externalField,
        problem: `no ${ref.target} with ${ref.referenceField} ${missing.map((v) => JSON.stringify(v)).join(', ')}`,
      });
    } else {
      mapped.values[ref.odooField] = ref.many ? [...new Set(ids)] : ids[0];
    }
  }
}

function referenceOf(raw: unknown, mapping: FieldMapping, target: string, many: boolean, registry: ModelRegistry): PendingReference {
  const referenceField = registry.get(target).fields[mapping.referenceField!];
  let items: unknown[];
  if (raw === null || raw === undefined || raw === false || raw === '') items = [];
  else if (Array.isArray(raw)) items = raw;
  else if (many && typeof raw === 'string')
    items = raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  else items = [raw];
  if (!many && items.length > 1) throw new FieldValueError(mapping.externalField, `expected one value, got ${items.length}`);
  const values = items.map((item) => {
    const value = coerceFieldValue(referenceField, item, 'lenient');
    if (value === null || value instanceof Date || Array.isArray(value)) {
      throw new FieldValueError(mapping.externalField, `cannot refer to ${target} by ${JSON.stringify(item)}`);
    }
    return value;
  });
  return { odooField: mapping.odooField, externalField: mapping.externalField, target, referenceField: referenceField.name, values, many };
}

/**
 * Whether every relational value this object writes is resolved through a reference
 * field (so its ids were just read from the database and need no existence check).
 */
export function allRelationsByReference(mappings: FieldMapping[], model: ModelDefinition): boolean {
  return mappings.every((mapping) => !isRelational(model.fields[mapping.odooField].type) || !!mapping.referenceField);
}
