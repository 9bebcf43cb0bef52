/**
 * The vocabulary of Odoo-style models: field types and model definitions.
 * Pure TypeScript (no Nest, no TypeORM) so the domain parser, coercion and mapper
 * can be unit-tested without a database.
 */

export const ODOO_FIELD_TYPES = [
  'char',
  'text',
  'integer',
  'float',
  'boolean',
  'date',
  'datetime',
  'selection',
  'many2one',
  'one2many',
  'many2many',
] as const;

export type OdooFieldType = (typeof ODOO_FIELD_TYPES)[number];

export const RELATIONAL_TYPES: readonly OdooFieldType[] = ['many2one', 'one2many', 'many2many'];

export function isRelational(type: OdooFieldType): boolean {
  return RELATIONAL_TYPES.includes(type);
}

export function isX2many(type: OdooFieldType): boolean {
  return type === 'one2many' || type === 'many2many';
}

export interface FieldDefinition {
  /** Odoo technical name, also the entity property and (for stored fields) the column. */
  name: string;
  type: OdooFieldType;
  /** Human label, as Odoo's `string`. */
  label: string;
  required?: boolean;
  /** Set by Synchro itself (id, create_date, write_date): rejected on input. */
  readonly?: boolean;
  /** char length limit enforced on input. */
  size?: number;
  /** selection: allowed keys and labels. */
  selection?: ReadonlyArray<readonly [string, string]>;
  /** many2one / one2many / many2many: the target model name (e.g. `res.country`). */
  relation?: string;
  /** one2many: the many2one field on the target that points back (e.g. `parent_id`). */
  inverseName?: string;
  /** many2many: join table and its two columns (this side, target side). */
  relationTable?: string;
  column1?: string;
  column2?: string;
  /** Value used on create when the field is absent. */
  defaultValue?: unknown;
}

export interface ModelDefinition {
  /** Odoo model name, e.g. `res.partner`. */
  name: string;
  /** Human description, e.g. `Contact`. */
  description: string;
  /** SQL table holding the records. */
  table: string;
  /** TypeORM entity class persisting the stored (non-x2many) fields. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any entity class
  entity: Function;
  /** Field giving a record's display name (Odoo `_rec_name`). */
  recName: string;
  /** How Odoo names the model in "You cannot create recursive <label> hierarchies." (default: description). */
  hierarchyLabel?: string;
  /** Default order for listings, e.g. `name asc, id asc`. */
  order?: string;
  fields: Record<string, FieldDefinition>;
}

/**
 * The field of a model by a name that may come from input: own properties only, so
 * `constructor`, `toString` or `__proto__` are unknown fields rather than Object's members.
 */
export function fieldOf(model: Pick<ModelDefinition, 'fields'>, name: string): FieldDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(model.fields, name) ? model.fields[name] : undefined;
}

/** A stored field has a column in the model's own table (x2many fields do not). */
export function isStored(field: FieldDefinition): boolean {
  return !isX2many(field.type);
}
