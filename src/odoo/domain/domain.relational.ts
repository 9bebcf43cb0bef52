import { FieldDefinition, ModelDefinition } from '../model-definition';
import { ModelRegistry } from '../model.registry';
import { DomainFieldError } from './domain.errors';
import { scalarCondition } from './domain.scalar';
import { containsPattern, SqlBuilder } from './domain.sql';
import { DomainOperator, DomainValue, NEGATIVE_OPERATORS, OPERATOR_NEGATION } from './domain.types';
import { checkOperator, coerceScalar, isFalsy, LeafContext, requireList, TEXT_OPERATORS } from './domain.values';

/**
 * Leaves on relational fields, as non-correlated `IN (SELECT ...)` subqueries (portable,
 * and they never duplicate rows of the outer query the way joins would).
 */

/** Restricts the related records of an x2many: by id list or by a condition on the target. */
export type RelatedFilter = { ids: string } | { where: (targetAlias: string) => string } | undefined;

export class RelationalCompiler {
  constructor(
    private readonly b: SqlBuilder,
    private readonly registry: ModelRegistry,
  ) {}

  /** The comodel of a relational field; a missing one is a definition problem, reported on the path. */
  target(field: FieldDefinition, ctx: LeafContext): ModelDefinition {
    const target = field.relation ? this.registry.find(field.relation) : undefined;
    if (!target) {
      throw new DomainFieldError(
        `field '${field.name}' on ${ctx.model.name} points to model '${field.relation ?? '?'}', which is not registered`,
        ctx.path,
        'bad_model',
      );
    }
    return target;
  }

  /** `SELECT <owner id> ...`: ids of `field`'s model having a related record matching `filter`. */
  owners(field: FieldDefinition, target: ModelDefinition, filter: RelatedFilter, ctx: LeafContext): string {
    const { b } = this;
    if (field.type === 'one2many') {
      const inverse = field.inverseName ? target.fields[field.inverseName] : undefined;
      if (!inverse || inverse.type !== 'many2one') {
        throw new DomainFieldError(
          `one2many field '${field.name}' on ${ctx.model.name} has no many2one inverse on ${target.name}`,
          ctx.path,
          'bad_model',
        );
      }
      const t = b.name('t');
      const owner = b.column(t, inverse.name);
      // IS NOT NULL: a NULL in a NOT IN (...) list would make every comparison unknown.
      const where = [`${owner} IS NOT NULL`];
      if (filter && 'ids' in filter) where.push(`${b.column(t, 'id')} IN ${filter.ids}`);
      if (filter && 'where' in filter) where.push(filter.where(t));
      return `SELECT ${owner} FROM ${b.ident(target.table)} AS ${b.ident(t)} WHERE ${where.join(' AND ')}`;
    }
    if (!field.relationTable || !field.column1 || !field.column2) {
      throw new DomainFieldError(`many2many field '${field.name}' on ${ctx.model.name} has no relation table`, ctx.path, 'bad_model');
    }
    const r = b.name('r');
    const owner = b.column(r, field.column1);
    const related = b.column(r, field.column2);
    const where = [`${owner} IS NOT NULL`];
    if (filter && 'ids' in filter) where.push(`${related} IN ${filter.ids}`);
    if (filter && 'where' in filter) {
      const t = b.name('t');
      where.push(`${related} IN (SELECT ${b.column(t, 'id')} FROM ${b.ident(target.table)} AS ${b.ident(t)} WHERE ${filter.where(t)})`);
    }
    return `SELECT ${owner} FROM ${b.ident(field.relationTable)} AS ${b.ident(r)} WHERE ${where.join(' AND ')}`;
  }

  /** many2one: ids compare on the column; strings search the target's display name. */
  many2one(alias: string, field: FieldDefinition, operator: DomainOperator, value: DomainValue, ctx: LeafContext): string {
    checkOperator(field, operator, ctx);
    const col = this.b.column(alias, field.name);
    if (!TEXT_OPERATORS.has(operator) && !isNames(value)) {
      return scalarCondition(this.b, col, field, operator, value, ctx);
    }
    if (operator === '=?') operator = '=';
    if (!['=', '!=', 'in', 'not in'].includes(operator) && !TEXT_OPERATORS.has(operator)) {
      throw new DomainFieldError(`operator '${operator}' on many2one field '${ctx.path}' needs a record id, not a name`, ctx.path, 'value');
    }
    // Odoo's name_search: a negative operator keeps its meaning on the name ("not named X"),
    // and records without a value also match it.
    const names = this.nameMatches(field, nameOperator(operator, value), value, ctx);
    return NEGATIVE_OPERATORS.has(operator) ? `(${col} IS NULL OR ${col} IN (${names}))` : `${col} IN (${names})`;
  }

  /** one2many / many2many: "has a related record that ..."; ids, names, or False for "has none". */
  x2many(alias: string, field: FieldDefinition, operator: DomainOperator, value: DomainValue, ctx: LeafContext): string {
    checkOperator(field, operator, ctx);
    const target = this.target(field, ctx);
    const id = this.b.column(alias, 'id');
    if (operator === '=?') {
      if (isFalsy(value)) return '1=1';
      operator = '=';
    }
    if (TEXT_OPERATORS.has(operator) || isNames(value)) {
      // Odoo: a negative operator means "has no related record matching the positive one".
      const negative = NEGATIVE_OPERATORS.has(operator);
      const positive = nameOperator(negative ? OPERATOR_NEGATION[operator]! : operator, value);
      const rec = this.recField(target, ctx);
      const owners = this.owners(
        field,
        target,
        {
          where: (t) => scalarCondition(this.b, this.b.column(t, rec.name), rec, positive, value, { path: ctx.path, model: target }),
        },
        ctx,
      );
      return `${id} ${negative ? 'NOT IN' : 'IN'} (${owners})`;
    }
    if (operator === '=' || operator === '!=') {
      if (isFalsy(value)) {
        // `= False`: has no related record at all; `!= False`: has at least one.
        return `${id} ${operator === '=' ? 'NOT IN' : 'IN'} (${this.owners(field, target, undefined, ctx)})`;
      }
      operator = operator === '=' ? 'in' : 'not in';
      if (!Array.isArray(value)) value = [value];
    }
    const list = requireList(field, value, operator, ctx);
    const ids = [...new Set(list.filter((v) => !isFalsy(v)).map((v) => coerceScalar(field, v, operator, ctx)))];
    const withNone = ids.length < list.length;
    const parts: string[] = [];
    if (operator === 'in') {
      if (ids.length) parts.push(`${id} IN (${this.owners(field, target, { ids: this.b.list(ids) }, ctx)})`);
      if (withNone) parts.push(`${id} NOT IN (${this.owners(field, target, undefined, ctx)})`);
      return parts.length === 0 ? '1=0' : parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
    }
    // `not in`: the exact complement of `in` (the outer id is never NULL).
    if (ids.length) parts.push(`${id} NOT IN (${this.owners(field, target, { ids: this.b.list(ids) }, ctx)})`);
    if (withNone) parts.push(`${id} IN (${this.owners(field, target, undefined, ctx)})`);
    return parts.length === 0 ? '1=1' : parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
  }

  /**
   * `child_of` / `parent_of` on `id` or a many2one: the given records plus their descendants
   * (ancestors) through the hierarchy model's own `parent_id`, by a recursive CTE; a model
   * without `parent_id` has no hierarchy, so the operator degrades to `in`. On a many2one to
   * its own model (`('parent_id', 'child_of', 1)`) Odoo rewrites the term to `('id', op, ids)`
   * with that field as the hierarchy: the given records are in their own subtree.
   */
  hierarchy(
    model: ModelDefinition,
    alias: string,
    field: FieldDefinition,
    operator: 'child_of' | 'parent_of',
    value: DomainValue,
    ctx: LeafContext,
  ): string {
    checkOperator(field, operator, ctx);
    const { b } = this;
    const selfReference = field.type === 'many2one' && field.relation === model.name;
    const tree = field.name === 'id' || selfReference ? model : this.target(field, ctx);
    const col = b.column(alias, selfReference ? 'id' : field.name);
    const parentName = selfReference ? field.name : 'parent_id';
    const items = isFalsy(value) ? [] : Array.isArray(value) ? value : [value];
    const ids: Array<string | number> = [];
    const names: string[] = [];
    for (const item of items) {
      if (typeof item === 'string' && !/^\s*-?\d+\s*$/.test(item)) names.push(item);
      else if (!isFalsy(item)) ids.push(coerceScalar(field, item, operator, ctx));
    }
    if (ids.length === 0 && names.length === 0) return '1=0';
    const parent = tree.fields[parentName];
    const hasTree = parent?.type === 'many2one' && parent.relation === tree.name;
    if (!hasTree && names.length === 0) return `${col} IN ${b.list([...new Set(ids)])}`;

    const table = b.ident(tree.table);
    const s = b.name('t');
    // Names select roots like Odoo's name_search (ilike on the display name).
    const rec = names.length ? this.recField(tree, ctx) : undefined;
    const seeds = [
      ...(ids.length ? [`${b.column(s, 'id')} IN ${b.list([...new Set(ids)])}`] : []),
      ...names.map((name) => b.likeInsensitive(b.column(s, rec!.name), containsPattern(name))),
    ];
    const seed = seeds.length === 1 ? seeds[0] : `(${seeds.join(' OR ')})`;
    const roots = `SELECT ${b.column(s, 'id')} FROM ${table} AS ${b.ident(s)} WHERE ${seed}`;
    if (!hasTree) return `${col} IN (${roots})`;

    const h = b.name('h');
    const c = b.name('t');
    // UNION (not UNION ALL) also ends the recursion on a cyclic parent chain.
    const step =
      operator === 'child_of'
        ? `SELECT ${b.column(c, 'id')} FROM ${table} AS ${b.ident(c)}` +
          ` INNER JOIN ${b.ident(h)} ON ${b.column(c, parentName)} = ${b.column(h, 'id')}`
        : `SELECT ${b.column(c, parentName)} FROM ${table} AS ${b.ident(c)}` +
          ` INNER JOIN ${b.ident(h)} ON ${b.column(c, 'id')} = ${b.column(h, 'id')} WHERE ${b.column(c, parentName)} IS NOT NULL`;
    const hierarchy = `WITH RECURSIVE ${b.ident(h)} (${b.ident('id')}) AS (${roots} UNION ${step})`;
    return `${col} IN (${hierarchy} SELECT ${b.column(h, 'id')} FROM ${b.ident(h)})`;
  }

  private recField(target: ModelDefinition, ctx: LeafContext): FieldDefinition {
    const rec = target.fields[target.recName];
    if (!rec || rec.type === 'one2many' || rec.type === 'many2many') {
      throw new DomainFieldError(`model ${target.name} has no stored display-name field to search by name`, ctx.path, 'bad_model');
    }
    return rec;
  }

  /** SELECT ids of the many2one's target whose display name matches. */
  private nameMatches(field: FieldDefinition, operator: DomainOperator, value: DomainValue, ctx: LeafContext): string {
    const target = this.target(field, ctx);
    const rec = this.recField(target, ctx);
    const t = this.b.name('t');
    const where = scalarCondition(this.b, this.b.column(t, rec.name), rec, operator, value, { path: ctx.path, model: target });
    return `SELECT ${this.b.column(t, 'id')} FROM ${this.b.ident(target.table)} AS ${this.b.ident(t)} WHERE ${where}`;
  }
}

/** A name (or list of names) rather than ids: Odoo then searches by display name. */
function isNames(value: DomainValue): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));
}

/** `in 'x'` means `= 'x'` and `= ['x', 'y']` means `in`, as Odoo's name_search rewrite. */
function nameOperator(operator: DomainOperator, value: DomainValue): DomainOperator {
  if (!Array.isArray(value) && operator === 'in') return '=';
  if (!Array.isArray(value) && operator === 'not in') return '!=';
  return operator;
}
