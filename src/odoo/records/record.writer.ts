import { Injectable } from '@nestjs/common';
import { NotFoundError, UnprocessableError, ValidationError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { FieldDefinition, fieldOf, isX2many, ModelDefinition } from '../model-definition';
import { ModelRegistry } from '../model.registry';
import { StoredValue } from '../values/field-value';
import { RecordChange, WriteOrigin } from './record-change';
import { RecordChangeHooks } from './record-change.hooks';
import { RecordReader, RecordValues } from './record.reader';
import { RecordRepository } from './record.repository';

/**
 * THE write path for Odoo-side records. Every Synchro code path that changes a
 * record (records API, inbound sync routes, cron pull) goes through here: the
 * change, its x2many links and whatever the registered hooks add (today only the
 * outbox capture's rows) commit in one transaction — the caller's, when it runs
 * in one (a sync path writes its change-log row there too) — or not at all.
 * Values arrive already coerced to stored types (ids for relational fields).
 */
@Injectable()
export class RecordWriter {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly records: RecordRepository,
    private readonly reader: RecordReader,
    private readonly hooks: RecordChangeHooks,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  create(model: ModelDefinition, values: Record<string, StoredValue>, origin: WriteOrigin): Promise<RecordValues> {
    return this.unitOfWork.run(() => this.createIn(model, values, origin));
  }

  write(model: ModelDefinition, id: number, values: Record<string, StoredValue>, origin: WriteOrigin): Promise<RecordValues> {
    return this.unitOfWork.run(() => this.writeIn(model, id, values, origin));
  }

  unlink(model: ModelDefinition, id: number, origin: WriteOrigin): Promise<RecordValues> {
    return this.unitOfWork.run(() => this.unlinkIn(model, id, origin));
  }

  /**
   * Create inside a transaction the caller already holds. `trusted`: relational ids
   * were just resolved from the database (inbound references), so their existence
   * check is skipped.
   */
  async createIn(
    model: ModelDefinition,
    values: Record<string, StoredValue>,
    origin: WriteOrigin,
    options: WriteOptions = {},
  ): Promise<RecordValues> {
    const prepared = await this.prepareCreate(model, values, options);
    const id = await this.records.insert(model, prepared.stored);
    return this.finishCreate(model, id, prepared, origin);
  }

  /**
   * Create many records with one multi-row INSERT per chunk (bulk inbound). Every row
   * must carry a distinct value of `keyField` (the Odoo ref field, unique-indexed),
   * through which the new ids are read back. Hooks run per record, as for createIn.
   */
  async createManyIn(
    model: ModelDefinition,
    valuesList: Record<string, StoredValue>[],
    keyField: string,
    origin: WriteOrigin,
    options: WriteOptions = {},
  ): Promise<RecordValues[]> {
    const prepared = [];
    for (const values of valuesList) prepared.push(await this.prepareCreate(model, values, options));
    await this.records.insertMany(
      model,
      prepared.map((p) => p.stored),
    );
    const keys = prepared.map((p) => p.stored[keyField]);
    const ids = new Map((await this.records.idsWhere(model, keyField, keys)).map((row) => [String(row.value), row.id]));
    const created: RecordValues[] = [];
    for (const item of prepared) created.push(await this.finishCreate(model, ids.get(String(item.stored[keyField]))!, item, origin));
    return created;
  }

  private async prepareCreate(model: ModelDefinition, values: Record<string, StoredValue>, options: WriteOptions) {
    const withDefaults: Record<string, StoredValue> = {};
    for (const field of fieldLists(model).withDefault) {
      if (values[field.name] === undefined) withDefaults[field.name] = field.defaultValue as StoredValue;
    }
    Object.assign(withDefaults, values);
    this.checkRequired(model, withDefaults, true);
    if (!options.trusted) await this.checkRelations(model, withDefaults);
    const now = new Date();
    const { stored, x2many } = split(model, withDefaults);
    return { withDefaults, stored: { ...stored, create_date: now, write_date: now } as Record<string, StoredValue>, x2many };
  }

  private async finishCreate(
    model: ModelDefinition,
    id: number,
    prepared: { withDefaults: Record<string, StoredValue>; stored: Record<string, StoredValue>; x2many: Record<string, number[]> },
    origin: WriteOrigin,
  ): Promise<RecordValues> {
    await this.writeX2many(model, id, prepared.x2many, origin);
    // Everything the new record holds was just written: compose it instead of reading it back.
    const after = this.reader.compose(model, id, { ...prepared.stored, ...prepared.x2many });
    await this.hooks.run(change(model, id, 'create', undefined, after, Object.keys(prepared.withDefaults), origin));
    return after;
  }

  async writeIn(
    model: ModelDefinition,
    id: number,
    values: Record<string, StoredValue>,
    origin: WriteOrigin,
    options: WriteOptions = {},
  ): Promise<RecordValues> {
    const before = await this.reader.readOne(model, id);
    if (!before) throw new NotFoundError('RECORDS.NOT_FOUND', `${model.name} ${id} does not exist`);
    this.checkRequired(model, values, false);
    if (!options.trusted) await this.checkRelations(model, values);
    const changed = Object.keys(values).filter((name) => !sameValue(before[name], values[name]));
    if (!changed.length) return before;
    if (changed.includes('parent_id')) await this.checkHierarchy(model, id, values.parent_id);
    const { stored, x2many } = split(model, pick(values, changed));
    const writeDate = new Date();
    await this.records.update(model, id, { ...stored, write_date: writeDate });
    await this.writeX2many(model, id, x2many, origin);
    // The record as it now is: what it was, with what was just written (no read-back).
    const after = this.reader.compose(model, id, { ...before, ...stored, ...x2many, write_date: writeDate });
    await this.hooks.run(change(model, id, 'write', before, after, changed, origin));
    return after;
  }

  async unlinkIn(model: ModelDefinition, id: number, origin: WriteOrigin): Promise<RecordValues> {
    const before = await this.reader.readOne(model, id);
    if (!before) throw new NotFoundError('RECORDS.NOT_FOUND', `${model.name} ${id} does not exist`);
    // Hooks run first: they may need the record (e.g. to evaluate a domain) before it is gone.
    await this.hooks.run(change(model, id, 'unlink', before, undefined, [], origin));
    await this.records.delete(model, id);
    return before;
  }

  /** Throws a 400 naming the first required field that `values` would leave empty. */
  checkRequired(model: ModelDefinition, values: Record<string, StoredValue>, creating: boolean): void {
    for (const field of fieldLists(model).required) {
      const value = values[field.name];
      const missing = value === null || value === '' || (creating && value === undefined);
      if (missing) throw ValidationError.field('RECORDS.REQUIRED_FIELD', field.name, `is required on ${model.name}`);
    }
  }

  /**
   * Odoo's `_check_recursion`: a record may not become its own ancestor through `parent_id`
   * (itself, or a loop). A new record cannot close a loop; one2many links (`child_ids`) are
   * written through here as the children's `parent_id`, so they are checked too.
   */
  private async checkHierarchy(model: ModelDefinition, id: number, parentId: StoredValue): Promise<void> {
    const parent = fieldOf(model, 'parent_id');
    if (parent?.type !== 'many2one' || parent.relation !== model.name || typeof parentId !== 'number') return;
    const seen = new Set<number>();
    for (let current: number | null = parentId; current !== null && !seen.has(current);) {
      if (current === id) {
        const label = model.hierarchyLabel ?? model.description;
        throw new UnprocessableError('RECORDS.RECURSIVE_HIERARCHY', `You cannot create recursive ${label} hierarchies.`, [
          { field: 'parent_id', problem: `${model.name} ${parentId} is ${model.name} ${id} itself or one of its descendants` },
        ]);
      }
      seen.add(current);
      const row = (await this.records.findRows(model, [current])).get(current);
      current = row?.parent_id === null || row?.parent_id === undefined ? null : Number(row.parent_id);
    }
  }

  /** Every id a relational field points to must exist in the target model. */
  private async checkRelations(model: ModelDefinition, values: Record<string, StoredValue>): Promise<void> {
    for (const [name, value] of Object.entries(values)) {
      const field = model.fields[name];
      if (!field?.relation || value === null || value === undefined) continue;
      const ids = Array.isArray(value) ? value : [value as number];
      const existing = await this.records.existingIds(this.registry.get(field.relation), ids);
      const missing = ids.filter((id) => !existing.has(id));
      if (missing.length) {
        throw new UnprocessableError('RECORDS.UNKNOWN_REFERENCE', `${name}: ${field.relation} ${missing.join(', ')} does not exist`, [
          { field: name, problem: `${field.relation} ${missing.join(', ')} does not exist` },
        ]);
      }
    }
  }

  private async writeX2many(model: ModelDefinition, id: number, values: Record<string, number[]>, origin: WriteOrigin): Promise<void> {
    for (const [name, ids] of Object.entries(values)) {
      const field = model.fields[name];
      if (field.type === 'many2many') {
        await this.records.setMany2many(field, id, ids);
        continue;
      }
      // one2many: the listed records point back to this one, the others stop doing so;
      // each re-parented record is a change of its own.
      const target = this.registry.get(field.relation!);
      const inverse = field.inverseName!;
      const current = (await this.records.idsWhere(target, inverse, [id])).map((row) => row.id);
      for (const child of current.filter((c) => !ids.includes(c))) await this.writeIn(target, child, { [inverse]: null }, origin);
      for (const child of ids.filter((c) => !current.includes(c))) await this.writeIn(target, child, { [inverse]: id }, origin);
    }
  }
}

export interface WriteOptions {
  /** Relational ids come from a lookup in this transaction: skip their existence check. */
  trusted?: boolean;
}

/** A model's fields with a default, and its required fields: asked for every record written, computed once. */
const fieldListCache = new WeakMap<ModelDefinition['fields'], { withDefault: FieldDefinition[]; required: FieldDefinition[] }>();

function fieldLists(model: ModelDefinition): { withDefault: FieldDefinition[]; required: FieldDefinition[] } {
  let lists = fieldListCache.get(model.fields);
  if (!lists) {
    const fields = Object.values(model.fields);
    lists = { withDefault: fields.filter((f) => f.defaultValue !== undefined), required: fields.filter((f) => f.required) };
    fieldListCache.set(model.fields, lists);
  }
  return lists;
}

function split(
  model: ModelDefinition,
  values: Record<string, StoredValue>,
): { stored: Record<string, StoredValue>; x2many: Record<string, number[]> } {
  const stored: Record<string, StoredValue> = {};
  const x2many: Record<string, number[]> = {};
  for (const [name, value] of Object.entries(values)) {
    if (isX2many(model.fields[name].type)) x2many[name] = value as number[];
    else stored[name] = value;
  }
  return { stored, x2many };
}

function pick(values: Record<string, StoredValue>, names: string[]): Record<string, StoredValue> {
  return Object.fromEntries(names.map((name) => [name, values[name]]));
}

/** Whether a record's read value and a value about to be written are the same (a write skips those fields). */
export function sameValue(current: unknown, next: StoredValue): boolean {
  if (next instanceof Date) return typeof current === 'string' && new Date(current).getTime() === next.getTime();
  if (Array.isArray(next))
    return Array.isArray(current) && current.length === next.length && [...current].sort().join() === [...next].sort().join();
  return (current ?? null) === (next ?? null);
}

function change(
  model: ModelDefinition,
  id: number,
  action: RecordChange['action'],
  before: RecordValues | undefined,
  after: RecordValues | undefined,
  changedFields: string[],
  origin: WriteOrigin,
): RecordChange {
  return { model: model.name, id, action, before, after, changedFields, origin };
}
