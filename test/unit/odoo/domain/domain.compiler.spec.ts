import { compileDomain, domainToSql, validateDomain } from '../../../../src/odoo/domain/domain.compiler';
import { DomainError, DomainFieldError, DomainSyntaxError } from '../../../../src/odoo/domain/domain.errors';
import { parseDomain } from '../../../../src/odoo/domain/domain.parser';
import { ModelDefinition } from '../../../../src/odoo/model-definition';
import { ModelRegistry } from '../../../../src/odoo/model.registry';
import { PRODUCT_PRODUCT } from '../../../../src/odoo/models/product-product.model';
import { RES_COUNTRY } from '../../../../src/odoo/models/res-country.model';
import { RES_PARTNER } from '../../../../src/odoo/models/res-partner.model';
import { coreRegistry } from '../../../support/core-registry';

const registry = coreRegistry();
type Dialect = 'sqlite' | 'mysql';

function sql(domain: string, dialect: Dialect = 'sqlite', model: ModelDefinition = RES_PARTNER) {
  return domainToSql(domain, model, registry, { dialect, alias: 'p', paramPrefix: 'p' });
}

function fieldError(domain: string, model: ModelDefinition = RES_PARTNER): DomainFieldError {
  try {
    sql(domain, 'sqlite', model);
  } catch (error) {
    if (error instanceof DomainFieldError) return error;
    throw error;
  }
  throw new Error(`expected ${domain} to fail`);
}

describe('compileDomain: SQL shape (sqlite)', () => {
  it.each<[string, string, Record<string, unknown>]>([
    [`[]`, '1=1', {}],
    [`[(1, '=', 1)]`, '1=1', {}],
    [`[(0, '=', 1)]`, '1=0', {}],
    [`[('name', '=', 'Acme')]`, '"p"."name" = :p_1', { p_1: 'Acme' }],
    [`[('name', '!=', 'Acme')]`, '("p"."name" IS NULL OR NOT ("p"."name" = :p_1))', { p_1: 'Acme' }],
    [`[('name', '=', False)]`, '"p"."name" IS NULL', {}],
    [`[('name', '!=', None)]`, '"p"."name" IS NOT NULL', {}],
    [`[('id', '=', 5)]`, '"p"."id" = :p_1', { p_1: 5 }],
    [`[('id', '!=', 5)]`, '("p"."id" IS NULL OR "p"."id" <> :p_1)', { p_1: 5 }],
    [`[('id', '<', 5)]`, '"p"."id" < :p_1', { p_1: 5 }],
    [`[('id', '<=', '5')]`, '"p"."id" <= :p_1', { p_1: 5 }],
    [`[('id', '>', -1)]`, '"p"."id" > :p_1', { p_1: -1 }],
    [`[('id', '>=', 2)]`, '"p"."id" >= :p_1', { p_1: 2 }],
    [`[('id', 'in', [1, 2, 2])]`, '"p"."id" IN (:...p_1)', { p_1: [1, 2] }],
    [`[('id', 'in', [])]`, '1=0', {}],
    [`[('id', 'not in', [])]`, '1=1', {}],
    [`[('id', 'not in', [3])]`, '("p"."id" IS NULL OR NOT ("p"."id" IN (:...p_1)))', { p_1: [3] }],
    [`[('parent_id', 'in', [1, False])]`, '("p"."parent_id" IN (:...p_1) OR "p"."parent_id" IS NULL)', { p_1: [1] }],
    [`[('parent_id', 'not in', [1, None])]`, '("p"."parent_id" IS NOT NULL AND NOT ("p"."parent_id" IN (:...p_1)))', { p_1: [1] }],
    [`[('parent_id', 'in', [False])]`, '"p"."parent_id" IS NULL', {}],
    [`[('active', '=', True)]`, '"p"."active" = :p_1', { p_1: 1 }],
    [`[('active', '=', False)]`, '("p"."active" IS NULL OR "p"."active" = :p_1)', { p_1: 0 }],
    [`[('active', '!=', False)]`, '"p"."active" = :p_1', { p_1: 1 }],
    [`[('active', 'in', [True, False])]`, '("p"."active" IN (:...p_1) OR "p"."active" IS NULL)', { p_1: [1, 0] }],
    // like / ilike wrap the value in %…% and keep its own % and _ as wildcards (a backslash escapes them)
    [`[('name', 'like', 'a%b_c!')]`, '"p"."name" GLOB :p_1', { p_1: '*a*b?c!*' }],
    [`[('name', 'like', 'a\\\\%b\\\\_c')]`, '"p"."name" GLOB :p_1', { p_1: '*a%b_c*' }],
    [`[('name', 'like', 'x*?[y')]`, '"p"."name" GLOB :p_1', { p_1: '*x[*][?][[]y*' }],
    [`[('name', 'ilike', 'A%b_C!')]`, `unicode_lower("p"."name") LIKE :p_1 ESCAPE '!'`, { p_1: '%a%b_c!!%' }],
    [`[('name', 'ilike', 'A\\\\%')]`, `unicode_lower("p"."name") LIKE :p_1 ESCAPE '!'`, { p_1: '%a!%%' }],
    [`[('name', 'ilike', 'ÉCOLE')]`, `unicode_lower("p"."name") LIKE :p_1 ESCAPE '!'`, { p_1: '%école%' }],
    [`[('name', 'not ilike', 'x')]`, `("p"."name" IS NULL OR NOT (unicode_lower("p"."name") LIKE :p_1 ESCAPE '!'))`, { p_1: '%x%' }],
    [`[('name', 'not like', 'x')]`, '("p"."name" IS NULL OR NOT ("p"."name" GLOB :p_1))', { p_1: '*x*' }],
    [`[('name', '=like', 'J_n%')]`, '"p"."name" GLOB :p_1', { p_1: 'J?n*' }],
    [`[('name', '=ilike', 'j\\\\_%')]`, `unicode_lower("p"."name") LIKE :p_1 ESCAPE '!'`, { p_1: 'j!_%' }],
    [`[('name', 'ilike', '')]`, '1=1', {}],
    [`[('name', 'not ilike', False)]`, '"p"."name" IS NULL', {}],
    [`[('name', '=?', False)]`, '1=1', {}],
    [`[('name', '=?', 'x')]`, '"p"."name" = :p_1', { p_1: 'x' }],
    [`[('create_date', '<=', '2024-01-31')]`, '"p"."create_date" <= :p_1', { p_1: '2024-01-31 23:59:59' }],
    [`[('create_date', '<', '2024-01-31')]`, '"p"."create_date" < :p_1', { p_1: '2024-01-31 00:00:00' }],
    [`[('create_date', '=', '2024-01-31T08:30Z')]`, '"p"."create_date" = :p_1', { p_1: '2024-01-31 08:30:00' }],
    [
      `['|', ('name', '=', 'a'), '!', ('id', '=', 1)]`,
      '("p"."name" = :p_1 OR ("p"."id" IS NULL OR "p"."id" <> :p_2))',
      { p_1: 'a', p_2: 1 },
    ],
    [
      `['!', '&', ('id', '=', 1), ('id', 'in', [2])]`,
      '(("p"."id" IS NULL OR "p"."id" <> :p_1) OR ("p"."id" IS NULL OR NOT ("p"."id" IN (:...p_2))))',
      { p_1: 1, p_2: [2] },
    ],
    [`['!', ('name', '=like', 'a%')]`, 'NOT ("p"."name" GLOB :p_1)', { p_1: 'a*' }],
    [`['!', (1, '=', 1)]`, '1=0', {}],
    [
      `[('country_id.code', '=', 'ES')]`,
      '"p"."country_id" IN (SELECT "p_t1"."id" FROM "res_country" AS "p_t1" WHERE "p_t1"."code" = :p_1)',
      { p_1: 'ES' },
    ],
    [
      `[('country_id', 'ilike', 'spa')]`,
      `"p"."country_id" IN (SELECT "p_t1"."id" FROM "res_country" AS "p_t1" WHERE unicode_lower("p_t1"."name") LIKE :p_1 ESCAPE '!')`,
      { p_1: '%spa%' },
    ],
    [
      `[('child_ids.name', '=', 'x')]`,
      '"p"."id" IN (SELECT "p_t1"."parent_id" FROM "res_partner" AS "p_t1" WHERE "p_t1"."parent_id" IS NOT NULL AND "p_t1"."name" = :p_1)',
      { p_1: 'x' },
    ],
    [
      `[('category_id', 'in', [1, 2])]`,
      '"p"."id" IN (SELECT "p_r1"."partner_id" FROM "res_partner_res_partner_category_rel" AS "p_r1"' +
        ' WHERE "p_r1"."partner_id" IS NOT NULL AND "p_r1"."category_id" IN (:...p_1))',
      { p_1: [1, 2] },
    ],
    [
      `[('category_id', '=', False)]`,
      '"p"."id" NOT IN (SELECT "p_r1"."partner_id" FROM "res_partner_res_partner_category_rel" AS "p_r1"' +
        ' WHERE "p_r1"."partner_id" IS NOT NULL)',
      {},
    ],
    [`[('country_id', 'child_of', 3)]`, '"p"."country_id" IN (:...p_1)', { p_1: [3] }],
    [`[('id', 'child_of', [])]`, '1=0', {}],
  ])('%s', (domain, expectedSql, expectedParams) => {
    const compiled = sql(domain);
    expect(compiled.sql).toBe(expectedSql);
    expect(compiled.params).toEqual(expectedParams);
  });

  it('compiles child_of to a recursive CTE over parent_id', () => {
    const compiled = sql(`[('id', 'child_of', 1)]`);
    expect(compiled.sql).toBe(
      '"p"."id" IN (WITH RECURSIVE "p_h2" ("id") AS (SELECT "p_t1"."id" FROM "res_partner" AS "p_t1" WHERE "p_t1"."id" IN (:...p_1)' +
        ' UNION SELECT "p_t3"."id" FROM "res_partner" AS "p_t3" INNER JOIN "p_h2" ON "p_t3"."parent_id" = "p_h2"."id")' +
        ' SELECT "p_h2"."id" FROM "p_h2")',
    );
    expect(compiled.params).toEqual({ p_1: [1] });
  });

  it('compiles parent_of by walking up parent_id', () => {
    expect(sql(`[('id', 'parent_of', 4)]`).sql).toContain(
      'UNION SELECT "p_t3"."parent_id" FROM "res_partner" AS "p_t3" INNER JOIN "p_h2" ON "p_t3"."id" = "p_h2"."id"' +
        ' WHERE "p_t3"."parent_id" IS NOT NULL',
    );
  });
});

describe('compileDomain: MySQL dialect', () => {
  it('quotes identifiers with backticks and the alias too', () => {
    expect(sql(`[('id', '=', 1)]`, 'mysql').sql).toBe('`p`.`id` = :p_1');
    expect(sql(`[('country_id.code', '=', 'ES')]`, 'mysql').sql).toContain('FROM `res_country` AS `p_t1`');
  });

  it('makes text equality exact (case, trailing spaces) while keeping an index-friendly comparison', () => {
    expect(sql(`[('name', '=', 'Acme')]`, 'mysql').sql).toBe('(`p`.`name` = :p_1 AND CAST(`p`.`name` AS BINARY) = :p_1)');
    expect(sql(`[('name', 'in', ['a'])]`, 'mysql').sql).toBe('(`p`.`name` IN (:...p_1) AND CAST(`p`.`name` AS BINARY) IN (:...p_1))');
  });

  it('makes like case-sensitive with a binary collation, escaping with ! (not backslash)', () => {
    const compiled = sql(`[('name', 'like', '50\\\\%\\\\_off!')]`, 'mysql');
    expect(compiled.sql).toBe(
      "(`p`.`name` LIKE :p_1 ESCAPE '!' AND CONVERT(`p`.`name` USING utf8mb4) COLLATE utf8mb4_bin LIKE :p_1 ESCAPE '!')",
    );
    expect(compiled.params).toEqual({ p_1: '%50!%!_off!!%' });
  });

  it('compiles ilike with LOWER on both sides, compared in a binary collation (accents count, as in PostgreSQL)', () => {
    expect(sql(`[('name', 'ilike', 'X')]`, 'mysql').sql).toBe(
      "LOWER(CONVERT(`p`.`name` USING utf8mb4) COLLATE utf8mb4_bin) LIKE LOWER(:p_1) ESCAPE '!'",
    );
  });

  it('escapes quote characters inside identifiers', () => {
    const compiled = compileDomain(parseDomain(`[('id', '=', 1)]`), RES_PARTNER, registry, {
      dialect: 'mysql',
      alias: 'we`ird',
      paramPrefix: 'p',
    });
    expect(compiled.sql).toBe('`we``ird`.`id` = :p_1');
    const sqlite = compileDomain(parseDomain(`[('id', '=', 1)]`), RES_PARTNER, registry, {
      dialect: 'sqlite',
      alias: 'we"ird',
      paramPrefix: 'p',
    });
    expect(sqlite.sql).toBe('"we""ird"."id" = :p_1');
  });
});

describe('compileDomain: parameters', () => {
  const hostile = ["x'; DROP TABLE res_partner; --", 'a" OR "1"="1', 'x`; DROP TABLE res_partner; --', ':p_1', '(:...p_1)', '\\'];

  it.each(['sqlite', 'mysql'] as const)('keeps hostile values out of the %s SQL text', (dialect) => {
    for (const value of hostile) {
      const literal = `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
      for (const op of ['=', '!=', 'like', 'ilike', '=like', 'not ilike']) {
        const compiled = sql(`[('name', '${op}', ${literal}), ('country_id', '=', ${literal})]`, dialect);
        // Apart from placeholders and the fixed ESCAPE '!', no value text reaches the SQL.
        const bare = compiled.sql.replace(/:(?:\.\.\.)?[A-Za-z0-9_.]+/g, '').replace(/ESCAPE '!'/g, '');
        expect(bare).not.toMatch(/'|;|--|DROP|"1"|\\/);
        if (op === '=') expect(Object.values(compiled.params)).toContain(value);
        // every placeholder refers to a parameter, and only generated names occur
        const names = [...compiled.sql.matchAll(/:(?:\.\.\.)?([A-Za-z0-9_.]+)/g)].map((m) => m[1]);
        expect(names.every((name) => /^p_\d+$/.test(name) && name in compiled.params)).toBe(true);
      }
    }
  });

  it('gives separately compiled domains distinct parameter names by default', () => {
    const node = parseDomain(`[('name', '=', 'a'), ('id', 'in', [1])]`);
    const a = compileDomain(node, RES_PARTNER, registry, { dialect: 'sqlite', alias: 'p' });
    const b = compileDomain(node, RES_PARTNER, registry, { dialect: 'sqlite', alias: 'p' });
    expect(Object.keys(a.params)).toHaveLength(2);
    expect(Object.keys(a.params).filter((k) => k in b.params)).toEqual([]);
  });

  it('uses the given prefix', () => {
    const compiled = compileDomain(parseDomain(`[('name', '=', 'a')]`), RES_PARTNER, registry, {
      dialect: 'sqlite',
      alias: 'p',
      paramPrefix: 'filter',
    });
    expect(compiled.params).toEqual({ filter_1: 'a' });
  });

  it.each([
    [{ dialect: 'postgres', alias: 'p' }, 'Unsupported SQL dialect'],
    [{ dialect: 'sqlite', alias: '' }, 'alias'],
    [{ dialect: 'sqlite', alias: 'p', paramPrefix: 'a b' }, 'Invalid parameter prefix'],
    [{ dialect: 'sqlite', alias: 'p', paramPrefix: 'x:y' }, 'Invalid parameter prefix'],
  ])('rejects bad options %j', (options, message) => {
    expect(() => compileDomain({ kind: 'true' }, RES_PARTNER, registry, options as Parameters<typeof compileDomain>[3])).toThrow(message);
  });
});

describe('compileDomain: validation errors', () => {
  it.each<[string, string, string, string]>([
    [`[('foo', '=', 1)]`, 'foo', 'unknown_field', "unknown field 'foo' on res.partner"],
    [`[('country_id.foo', '=', 1)]`, 'country_id.foo', 'unknown_field', "unknown field 'foo' on res.country (in 'country_id.foo')"],
    [`[('constructor', '=', 1)]`, 'constructor', 'unknown_field', "unknown field 'constructor' on res.partner"],
    [
      `[('name.foo', '=', 1)]`,
      'name.foo',
      'not_relational',
      "field 'name' on res.partner is char, not relational: cannot follow 'name.foo'",
    ],
    [`[('id', 'like', 'x')]`, 'id', 'operator', "operator 'like' is not valid for integer field 'id' on res.partner"],
    [`[('active', '<', True)]`, 'active', 'operator', "operator '<' is not valid for boolean field 'active'"],
    [`[('name', 'child_of', 1)]`, 'name', 'operator', "operator 'child_of' is not valid for char field 'name'"],
    [`[('category_id', '<', 1)]`, 'category_id', 'operator', "operator '<' is not valid for many2many field 'category_id'"],
    [`[('create_date', 'ilike', '2024')]`, 'create_date', 'operator', "operator 'ilike' is not valid for datetime field"],
    [`[('id', 'in', 5)]`, 'id', 'value', "operator 'in' on field 'id' needs a list value, got 5"],
    [`[('id', 'not in', 'abc')]`, 'id', 'value', "operator 'not in' on field 'id' needs a list value"],
    [`[('id', 'in', [[1]])]`, 'id', 'value', 'expected a flat list of values'],
    [`[('id', '=', 'abc')]`, 'id', 'value', `invalid value "abc" for integer field 'id' on res.partner: expected an integer`],
    [`[('id', '=', 1.5)]`, 'id', 'value', 'invalid value 1.5 for integer field'],
    [`[('id', 'in', [1, 'x'])]`, 'id', 'value', 'invalid value "x" for integer field'],
    [
      `[('active', '=', 'yes')]`,
      'active',
      'value',
      `invalid value "yes" for boolean field 'active' on res.partner: expected True or False`,
    ],
    [`[('active', '=', 1)]`, 'active', 'value', 'invalid value 1 for boolean field'],
    [`[('active', 'in', [True, 'x'])]`, 'active', 'value', 'invalid value "x" for boolean field'],
    [`[('name', '=', True)]`, 'name', 'value', 'invalid value true for char field'],
    [`[('name', '<', False)]`, 'name', 'value', "operator '<' on field 'name' needs a value"],
    [`[('name', '<', ['a'])]`, 'name', 'value', 'needs a single value'],
    [`[('name', '=like', False)]`, 'name', 'value', "operator '=like' on field 'name' needs a string"],
    [`[('create_date', '>', '31/01/2024')]`, 'create_date', 'value', 'invalid value "31/01/2024" for datetime field'],
    [`[('create_date', '>', '2024-13-01')]`, 'create_date', 'value', 'invalid value "2024-13-01"'],
    [`[('create_date', '>', 20240101)]`, 'create_date', 'value', 'invalid value 20240101'],
    [`[('parent_id', '=', 1.5)]`, 'parent_id', 'value', 'expected a record id (integer)'],
    [`[('parent_id', '<', 'Acme')]`, 'parent_id', 'value', 'needs a record id, not a name'],
    [`[('category_id', '=', True)]`, 'category_id', 'value', 'invalid value true for many2many field'],
    [`[('country_id.code', '=', True)]`, 'country_id.code', 'value', `invalid value true for char field 'country_id.code' on res.country`],
    [`[('id', 'child_of', 'x'), ('id', 'child_of', True)]`, 'id', 'value', 'invalid value true for integer field'],
    [`[('name', 'any', [('id', '=', 1)])]`, 'name', 'operator', "operator 'any' is not valid for char field 'name'"],
    [`[('child_ids', 'any', [('nope', '=', 1)])]`, 'child_ids.nope', 'unknown_field', "unknown field 'nope' on res.partner"],
    [`[('country_id', 'not any', [('code', '=', True)])]`, 'country_id.code', 'value', 'invalid value true for char field'],
  ])('%s', (domain, field, reason, message) => {
    const error = fieldError(domain);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.field).toBe(field);
    expect(error.reason).toBe(reason);
    expect(error.message).toContain(message);
  });

  it('validates paths on other models', () => {
    expect(fieldError(`[('list_price', 'like', '1')]`, PRODUCT_PRODUCT).message).toContain(
      "operator 'like' is not valid for float field 'list_price' on product.product",
    );
    expect(() => sql(`[('list_price', '>', '12.5')]`, 'sqlite', PRODUCT_PRODUCT)).not.toThrow();
    expect(fieldError(`[('list_price', '>', 'cheap')]`, PRODUCT_PRODUCT).message).toContain('expected a number');
  });

  it('reports a relation to an unregistered model', () => {
    const partial = new ModelRegistry();
    partial.register(RES_PARTNER);
    expect(() => domainToSql(`[('country_id.code', '=', 'ES')]`, RES_PARTNER, partial, { dialect: 'sqlite', alias: 'p' })).toThrow(
      "field 'country_id' on res.partner points to model 'res.country', which is not registered",
    );
  });
});

describe('compileDomain: any / not any (Odoo 17)', () => {
  it.each<[string, string, Record<string, unknown>]>([
    [
      `[('country_id', 'any', [('code', '=', 'ES')])]`,
      '"p"."country_id" IN (SELECT "p_t1"."id" FROM "res_country" AS "p_t1" WHERE "p_t1"."code" = :p_1)',
      { p_1: 'ES' },
    ],
    [
      `[('country_id', 'not any', [('code', '=', 'ES')])]`,
      '("p"."country_id" IS NULL OR "p"."country_id" NOT IN (SELECT "p_t1"."id" FROM "res_country" AS "p_t1" WHERE "p_t1"."code" = :p_1))',
      { p_1: 'ES' },
    ],
    [
      `['!', ('child_ids', 'any', [])]`,
      '"p"."id" NOT IN (SELECT "p_t1"."parent_id" FROM "res_partner" AS "p_t1" WHERE "p_t1"."parent_id" IS NOT NULL AND 1=1)',
      {},
    ],
    [
      `[('category_id', 'any', ['|', ('name', '=', 'a'), ('id', '=', 2)])]`,
      '"p"."id" IN (SELECT "p_r1"."partner_id" FROM "res_partner_res_partner_category_rel" AS "p_r1"' +
        ' WHERE "p_r1"."partner_id" IS NOT NULL AND "p_r1"."category_id" IN (SELECT "p_t2"."id" FROM "res_partner_category" AS "p_t2"' +
        ' WHERE ("p_t2"."name" = :p_1 OR "p_t2"."id" = :p_2)))',
      { p_1: 'a', p_2: 2 },
    ],
  ])('%s', (domain, expectedSql, expectedParams) => {
    const compiled = sql(domain);
    expect(compiled.sql).toBe(expectedSql);
    expect(compiled.params).toEqual(expectedParams);
  });
});

describe('compileDomain: activeTest (Odoo search leaves archived records out)', () => {
  const active = (domain: string, model: ModelDefinition = RES_PARTNER) =>
    domainToSql(domain, model, registry, { dialect: 'sqlite', alias: 'p', paramPrefix: 'p', activeTest: true }).sql;

  it.each<[string, string]>([
    [`[]`, '"p"."active" = :p_1'],
    [`[('name', '=', 'x')]`, '("p"."active" = :p_2 AND ("p"."name" = :p_1))'],
    [`[('active', '=', False)]`, '("p"."active" IS NULL OR "p"."active" = :p_1)'],
    [`['|', ('name', '=', 'x'), '!', ('active', '=', True)]`, '("p"."name" = :p_1 OR ("p"."active" IS NULL OR "p"."active" = :p_2))'],
    // a dotted path or an any subdomain naming active is about the related records, not these
    [
      `[('parent_id.active', '=', False)]`,
      '("p"."active" = :p_2 AND ("p"."parent_id" IN (SELECT "p_t1"."id" FROM "res_partner" AS "p_t1"' +
        ' WHERE ("p_t1"."active" IS NULL OR "p_t1"."active" = :p_1))))',
    ],
  ])('%s', (domain, expected) => {
    expect(active(domain)).toBe(expected);
  });

  it('leaves models without an active field alone', () => {
    expect(active(`[]`, RES_COUNTRY)).toBe('1=1');
  });
});

describe('validateDomain', () => {
  it('returns the parsed tree for a valid domain', () => {
    expect(validateDomain(`[('code', '=', 'ES')]`, RES_COUNTRY, registry)).toEqual({
      kind: 'leaf',
      path: ['code'],
      operator: '=',
      value: 'ES',
    });
  });

  it('throws DomainSyntaxError for bad text and DomainFieldError for a bad field', () => {
    expect(() => validateDomain(`[('code', '=', 'ES')`, RES_COUNTRY, registry)).toThrow(DomainSyntaxError);
    expect(() => validateDomain(`[('vat', '=', 'ES')]`, RES_COUNTRY, registry)).toThrow(
      new DomainFieldError("unknown field 'vat' on res.country", 'vat', 'unknown_field'),
    );
  });

  it('checks every branch, even under NOT and OR', () => {
    expect(() => validateDomain(`['|', ('id', '=', 1), '!', ('nope', '=', 1)]`, RES_PARTNER, registry)).toThrow("unknown field 'nope'");
  });
});
