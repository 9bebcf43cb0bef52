/**
 * The parsed form of an Odoo domain. Pure data: the parser produces it, the compiler
 * turns it into SQL, and callers may build it by hand (e.g. to AND a fixed filter).
 */

/** Term operators, in Odoo's canonical spelling (`<>` is normalised to `!=`). */
export const DOMAIN_OPERATORS = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '=?',
  'in',
  'not in',
  'like',
  'not like',
  'ilike',
  'not ilike',
  '=like',
  '=ilike',
  'child_of',
  'parent_of',
  'any',
  'not any',
] as const;

export type DomainOperator = (typeof DOMAIN_OPERATORS)[number];

/** A Python literal as found on the right of a term; tuples become arrays. */
export type DomainValue = string | number | boolean | null | DomainValue[];

export interface DomainLeaf {
  kind: 'leaf';
  /** `country_id.code` → `['country_id', 'code']`. */
  path: string[];
  operator: DomainOperator;
  value: DomainValue;
  /** `any` / `not any` (Odoo 17): the domain the related records must match, parsed. */
  subdomain?: DomainNode;
}

export interface DomainBranch {
  kind: 'and' | 'or';
  children: DomainNode[];
}

export interface DomainNot {
  kind: 'not';
  child: DomainNode;
}

/** TRUE_LEAF `(1, '=', 1)` / FALSE_LEAF `(0, '=', 1)`; `[]` parses to `true`. */
export interface DomainConstant {
  kind: 'true' | 'false';
}

export type DomainNode = DomainLeaf | DomainBranch | DomainNot | DomainConstant;

/**
 * Guards against pathological input (domains come from admin users and URLs): what one domain
 * may cost the database is bounded here, each refusal a 400 naming the term (issue 16).
 */
export const DOMAIN_LIMITS = {
  /** Characters of domain text (a GET's URL carries ~8,000 of them; POST .../search takes the rest). */
  maxLength: 100_000,
  /** Terms (leaves): an OR of n terms is an expression n deep, and SQLite refuses 1,000. */
  maxTerms: 256,
  /** Values in one list (`in`, `not in`). */
  maxListValues: 1_000,
  /** Values of one `child_of` / `parent_of` (each name is a search of its own). */
  maxHierarchyValues: 100,
  /** Characters of one string value. */
  maxValueLength: 1_000,
  /** Characters of one `like`-family pattern: matching costs pattern × text for every row. */
  maxPatternLength: 256,
  /** Bracket nesting and (after flattening same-kind AND/OR chains) logical nesting. */
  maxDepth: 64,
  /** Segments of a dotted field path; each one is a nested subquery. */
  maxPathLength: 16,
} as const;

/** Odoo's TERM_OPERATORS_NEGATION: how `!` is pushed into a leaf. */
export const OPERATOR_NEGATION: Partial<Record<DomainOperator, DomainOperator>> = {
  '<': '>=',
  '>': '<=',
  '<=': '>',
  '>=': '<',
  '=': '!=',
  '!=': '=',
  in: 'not in',
  'not in': 'in',
  like: 'not like',
  'not like': 'like',
  ilike: 'not ilike',
  'not ilike': 'ilike',
  any: 'not any',
  'not any': 'any',
};

/** Odoo's NEGATIVE_TERM_OPERATORS: these also match NULL columns. */
export const NEGATIVE_OPERATORS: ReadonlySet<DomainOperator> = new Set<DomainOperator>(['!=', 'not in', 'not like', 'not ilike']);
