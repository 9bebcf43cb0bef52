import { FieldDefinition, isRelational, ModelDefinition } from '../model-definition';
import { ModelRegistry } from '../model.registry';
import { DomainFieldError } from './domain.errors';
import { parseDomain } from './domain.parser';
import { RelationalCompiler } from './domain.relational';
import { scalarCondition, wrap } from './domain.scalar';
import { SqlBuilder, SqlDialect } from './domain.sql';
import { DomainNode, DomainOperator, DomainValue, OPERATOR_NEGATION } from './domain.types';
import { LeafContext } from './domain.values';

// Callers catching compile errors import them from here as well as from the parser.
export { DomainError, DomainFieldError, DomainSyntaxError } from './domain.errors';

/**
 * Compiles a DomainNode into a boolean SQL condition for `queryBuilder.andWhere(sql, params)`.
 * Identifiers come only from the model registry and are quoted; every value is a bound
 * parameter (`:name`, or `(:...name)` for lists).
 */

export interface CompileOptions {
  dialect: SqlDialect;
  /** The query builder alias of the model's table (e.g. `qb.alias`). */
  alias: string;
  /**
   * Prefix of parameter names (`<prefix>_1`, `<prefix>_2`, ...) and subquery aliases.
   * Defaults to a process-wide unique `domN`, so separately compiled domains never clash.
   */
  paramPrefix?: string;
  /**
   * Odoo's `active_test`: on a model with an `active` field, archived records (`active` false)
   * are left out unless the domain names `active` in one of its own terms (not inside an `any`
   * or a dotted path), as Odoo's `search()` does. Related records reached through dotted paths,
   * `any` and `child_of` / `parent_of` are followed whatever their `active`. Default false
   * here (the pure compiler); the application's DomainCompiler turns it on.
   */
  activeTest?: boolean;
}

export interface CompiledDomain {
  sql: string;
  params: Record<string, unknown>;
}

let compileSequence = 0;
const PARAM_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function compileDomain(node: DomainNode, model: ModelDefinition, registry: ModelRegistry, options: CompileOptions): CompiledDomain {
  if (options.dialect !== 'sqlite' && options.dialect !== 'mysql') {
    throw new Error(`Unsupported SQL dialect '${String(options.dialect)}' (expected 'sqlite' or 'mysql')`);
  }
  if (typeof options.alias !== 'string' || options.alias === '') {
    throw new Error('compileDomain needs the query builder alias of the model table');
  }
  const prefix = options.paramPrefix ?? `dom${++compileSequence}`;
  if (!PARAM_PREFIX.test(prefix)) {
    throw new Error(`Invalid parameter prefix '${prefix}' (letters, digits and _ only)`);
  }
  const builder = new SqlBuilder(options.dialect, prefix);
  const compiler = new DomainCompiler(builder, registry);
  let sql = compiler.node(node, model, options.alias, false);
  const active = model.fields.active;
  if (options.activeTest && active?.type === 'boolean' && !namesField(node, 'active')) {
    const onlyActive = compiler.node({ kind: 'leaf', path: ['active'], operator: '=', value: true }, model, options.alias, false);
    sql = sql === '1=1' ? onlyActive : `(${onlyActive} AND ${wrap(sql)})`;
  }
  return { sql, params: builder.params };
}

/** Parse + compile. Throws DomainSyntaxError or DomainFieldError. */
export function domainToSql(text: string, model: ModelDefinition, registry: ModelRegistry, options: CompileOptions): CompiledDomain {
  return compileDomain(parseDomain(text), model, registry, options);
}

/**
 * Checks a domain against a model without a database (admin validation of a sync
 * object's domain). Throws the same typed errors as compiling; returns the parsed tree.
 */
export function validateDomain(text: string, model: ModelDefinition, registry: ModelRegistry): DomainNode {
  const node = parseDomain(text);
  // Validation is dialect-independent; compiling once exercises every check.
  compileDomain(node, model, registry, { dialect: 'sqlite', alias: model.table, paramPrefix: 'v' });
  return node;
}

/** Whether one of the domain's own terms (not those inside `any`) is on `name` itself. */
export function namesField(node: DomainNode, name: string): boolean {
  switch (node.kind) {
    case 'leaf':
      return node.path.length === 1 && node.path[0] === name;
    case 'not':
      return namesField(node.child, name);
    case 'and':
    case 'or':
      return node.children.some((child) => namesField(child, name));
    default:
      return false;
  }
}

class DomainCompiler {
  private readonly relational: RelationalCompiler;

  constructor(
    private readonly b: SqlBuilder,
    registry: ModelRegistry,
  ) {
    this.relational = new RelationalCompiler(b, registry);
  }

  /**
   * `negate` pushes `!` down to the leaves as Odoo's distribute_not does (De Morgan, and
   * `=` ↔ `!=`, `in` ↔ `not in`, ...), so a negated leaf keeps Odoo's NULL semantics
   * instead of SQL's `NOT (NULL)` = unknown.
   */
  node(node: DomainNode, model: ModelDefinition, alias: string, negate: boolean, prefix = ''): string {
    switch (node.kind) {
      case 'true':
        return negate ? '1=0' : '1=1';
      case 'false':
        return negate ? '1=1' : '1=0';
      case 'not':
        return this.node(node.child, model, alias, !negate, prefix);
      case 'and':
      case 'or': {
        const kind = negate ? (node.kind === 'and' ? 'or' : 'and') : node.kind;
        if (node.children.length === 0) return kind === 'and' ? '1=1' : '1=0';
        const parts = node.children.map((child) => this.node(child, model, alias, negate, prefix));
        return parts.length === 1 ? parts[0] : `(${parts.join(kind === 'and' ? ' AND ' : ' OR ')})`;
      }
      case 'leaf': {
        const path = prefix + node.path.join('.');
        const value: LeafValue = node.subdomain ? { subdomain: node.subdomain } : node.value;
        if (!negate) return this.leaf(model, alias, node.path, node.operator, value, path);
        const negated = OPERATOR_NEGATION[node.operator];
        if (negated) return this.leaf(model, alias, node.path, negated, value, path);
        return `NOT ${wrap(this.leaf(model, alias, node.path, node.operator, value, path))}`;
      }
    }
  }

  private leaf(
    model: ModelDefinition,
    alias: string,
    path: string[],
    operator: DomainOperator,
    value: LeafValue,
    fullPath: string,
  ): string {
    const [name, ...rest] = path;
    const field = Object.prototype.hasOwnProperty.call(model.fields, name) ? model.fields[name] : undefined;
    if (!field) {
      const where = fullPath === name ? '' : ` (in '${fullPath}')`;
      throw new DomainFieldError(`unknown field '${name}' on ${model.name}${where}`, fullPath, 'unknown_field');
    }
    const ctx: LeafContext = { path: fullPath, model };
    if (rest.length > 0) return this.follow(model, alias, field.name, rest, operator, value, ctx);
    if (operator === 'any' || operator === 'not any') return this.any(model, alias, field, operator, value, ctx);
    if (isSubdomain(value)) {
      throw new DomainFieldError(`operator '${operator}' on field '${ctx.path}' does not take a domain`, ctx.path, 'value');
    }
    if (operator === 'child_of' || operator === 'parent_of') {
      return this.relational.hierarchy(model, alias, field, operator, value, ctx);
    }
    switch (field.type) {
      case 'many2one':
        return this.relational.many2one(alias, field, operator, value, ctx);
      case 'one2many':
      case 'many2many':
        return this.relational.x2many(alias, field, operator, value, ctx);
      default:
        return scalarCondition(this.b, this.b.column(alias, field.name), field, operator, value, ctx);
    }
  }

  /**
   * A dotted path means "has a related record for which the rest of the path holds"
   * (Odoo's `any`), whatever the operator: `('child_ids.name', '!=', 'x')` is
   * "has a child not named x".
   */
  private follow(
    model: ModelDefinition,
    alias: string,
    name: string,
    rest: string[],
    operator: DomainOperator,
    value: LeafValue,
    ctx: LeafContext,
  ): string {
    const { b } = this;
    const field = model.fields[name];
    if (!isRelational(field.type)) {
      throw new DomainFieldError(
        `field '${name}' on ${model.name} is ${field.type}, not relational: cannot follow '${ctx.path}'`,
        ctx.path,
        'not_relational',
      );
    }
    const target = this.relational.target(field, ctx);
    if (field.type === 'many2one') {
      const t = b.name('t');
      const inner = this.leaf(target, t, rest, operator, value, ctx.path);
      const ids = `SELECT ${b.column(t, 'id')} FROM ${b.ident(target.table)} AS ${b.ident(t)} WHERE ${inner}`;
      return `${b.column(alias, field.name)} IN (${ids})`;
    }
    const owners = this.relational.owners(field, target, { where: (t) => this.leaf(target, t, rest, operator, value, ctx.path) }, ctx);
    return `${b.column(alias, 'id')} IN (${owners})`;
  }

  /**
   * Odoo 17's `any` / `not any`: has (has no) related record matching the subdomain, which is
   * compiled on the related model. `not any` on a many2one also matches an empty one.
   */
  private any(
    model: ModelDefinition,
    alias: string,
    field: FieldDefinition,
    operator: 'any' | 'not any',
    value: LeafValue,
    ctx: LeafContext,
  ): string {
    const { b } = this;
    if (!isRelational(field.type)) {
      throw new DomainFieldError(
        `operator '${operator}' is not valid for ${field.type} field '${ctx.path}' on ${model.name}: it needs a relational field`,
        ctx.path,
        'operator',
      );
    }
    if (!isSubdomain(value)) {
      throw new DomainFieldError(`operator '${operator}' on field '${ctx.path}' needs a domain (a list of terms)`, ctx.path, 'value');
    }
    const target = this.relational.target(field, ctx);
    const where = (t: string) => this.node(value.subdomain, target, t, false, `${ctx.path}.`);
    if (field.type === 'many2one') {
      const col = b.column(alias, field.name);
      const t = b.name('t');
      const ids = `SELECT ${b.column(t, 'id')} FROM ${b.ident(target.table)} AS ${b.ident(t)} WHERE ${where(t)}`;
      return operator === 'any' ? `${col} IN (${ids})` : `(${col} IS NULL OR ${col} NOT IN (${ids}))`;
    }
    const owners = this.relational.owners(field, target, { where }, ctx);
    return `${b.column(alias, 'id')} ${operator === 'any' ? 'IN' : 'NOT IN'} (${owners})`;
  }
}

/** A leaf's right-hand side: a value, or (for `any` / `not any`) a parsed domain. */
type LeafValue = DomainValue | { subdomain: DomainNode };

function isSubdomain(value: LeafValue): value is { subdomain: DomainNode } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
