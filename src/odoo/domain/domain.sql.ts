/**
 * SQL text building for the domain compiler: identifier quoting, bound parameters in
 * TypeORM's named style, and the dialect differences for case-(in)sensitive matching.
 * Nothing from the domain text is ever written into SQL except through `param`/`list`.
 */

export type SqlDialect = 'sqlite' | 'mysql';

/** A LIKE pattern as a dialect-neutral token list. */
export type LikeToken = { wildcard: '%' | '_' } | { literal: string };

/**
 * LIKE escape character. Not backslash: MySQL string literals treat backslash specially
 * (and differently under NO_BACKSLASH_ESCAPES), so '\\' would not be portable.
 */
const LIKE_ESCAPE = '!';

export class SqlBuilder {
  readonly params: Record<string, unknown> = {};
  private paramCount = 0;
  private nameCount = 0;

  constructor(
    readonly dialect: SqlDialect,
    private readonly prefix: string,
  ) {}

  ident(name: string): string {
    return this.dialect === 'mysql' ? '`' + name.replace(/`/g, '``') + '`' : '"' + name.replace(/"/g, '""') + '"';
  }

  column(alias: string, name: string): string {
    return `${this.ident(alias)}.${this.ident(name)}`;
  }

  /** `:name` for a single value. */
  param(value: unknown): string {
    return ':' + this.newParam(value);
  }

  /** `(:...name)` for a non-empty list (TypeORM expands it; an empty list would be `()`). */
  list(values: unknown[]): string {
    if (values.length === 0) throw new Error('SqlBuilder.list needs at least one value');
    return `(:...${this.newParam(values)})`;
  }

  /** A fresh alias / CTE name, unique within this compile (and across prefixes). */
  name(kind: string): string {
    return `${this.prefix}_${kind}${++this.nameCount}`;
  }

  /** `col = rhs` (or `col IN rhs`) comparing text exactly (case, accents, trailing spaces) on every engine. */
  textEquals(col: string, operator: '=' | 'IN', rhs: string): string {
    if (this.dialect === 'sqlite') return `${col} ${operator} ${rhs}`;
    // MySQL/MariaDB *_ci collations ignore case, and PAD SPACE ones (utf8mb4_bin included)
    // trailing spaces. The plain comparison keeps index use; the byte comparison makes it exact.
    return `(${col} ${operator} ${rhs} AND CAST(${col} AS BINARY) ${operator} ${rhs})`;
  }

  /** Case-sensitive LIKE (Odoo `like` / `=like`). */
  likeSensitive(col: string, pattern: LikeToken[]): string {
    if (this.dialect === 'sqlite') {
      // SQLite's LIKE ignores ASCII case (unless a connection-wide pragma says otherwise);
      // GLOB is always case-sensitive, so translate the pattern.
      return `${col} GLOB ${this.param(renderGlob(pattern))}`;
    }
    const p = this.param(renderLike(pattern));
    return `(${col} LIKE ${p} ESCAPE '${LIKE_ESCAPE}' AND ${binary(col)} LIKE ${p} ESCAPE '${LIKE_ESCAPE}')`;
  }

  /**
   * Case-insensitive LIKE (Odoo `ilike` / `=ilike`) as PostgreSQL's ILIKE: both sides lower-cased
   * with Unicode rules, then compared exactly (accents count), whatever the column's collation.
   * SQLite's LOWER folds ASCII only, hence unicode_lower (src/database/sqlite-functions.ts).
   */
  likeInsensitive(col: string, pattern: LikeToken[]): string {
    const p = this.param(renderLike(pattern).toLowerCase());
    if (this.dialect === 'sqlite') return `unicode_lower(${col}) LIKE ${p} ESCAPE '${LIKE_ESCAPE}'`;
    return `LOWER(${binary(col)}) LIKE LOWER(${p}) ESCAPE '${LIKE_ESCAPE}'`;
  }

  private newParam(value: unknown): string {
    const name = `${this.prefix}_${++this.paramCount}`;
    this.params[name] = value;
    return name;
  }
}

function binary(col: string): string {
  return `CONVERT(${col} USING utf8mb4) COLLATE utf8mb4_bin`;
}

/**
 * Odoo `like`/`ilike`: the value wrapped in `%…%`, so it is found anywhere, and read as a
 * pattern like `=like`'s: `%` and `_` inside it stay wildcards and `\` escapes them
 * (Odoo concatenates `'%' + value + '%'` and hands it to PostgreSQL).
 */
export function containsPattern(value: string): LikeToken[] {
  return parseLikePattern(`%${value}%`);
}

/**
 * Odoo `=like`/`=ilike`: the user's pattern as written for PostgreSQL, where `%` and `_`
 * are wildcards and a backslash makes the next character literal.
 */
export function parseLikePattern(pattern: string): LikeToken[] {
  const tokens: LikeToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '%' || ch === '_') {
      tokens.push({ wildcard: ch });
    } else if (ch === '\\' && i + 1 < pattern.length) {
      tokens.push({ literal: pattern[++i] });
    } else {
      tokens.push({ literal: ch });
    }
  }
  return tokens;
}

export function renderLike(tokens: LikeToken[]): string {
  return tokens.map((t) => ('wildcard' in t ? t.wildcard : t.literal.replace(/[%_!]/g, (c) => LIKE_ESCAPE + c))).join('');
}

export function renderGlob(tokens: LikeToken[]): string {
  return tokens
    .map((t) => {
      if ('wildcard' in t) return t.wildcard === '%' ? '*' : '?';
      // GLOB has no escape character; a one-character class matches the character itself.
      return t.literal.replace(/[*?[]/g, (c) => `[${c}]`);
    })
    .join('');
}
