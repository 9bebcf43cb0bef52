import { DomainSyntaxError } from '../../../../src/odoo/domain/domain.errors';
import { DomainNode, parseDomain } from '../../../../src/odoo/domain/domain.parser';

const leaf = (field: string, operator: string, value: unknown): DomainNode =>
  ({ kind: 'leaf', path: field.split('.'), operator, value }) as DomainNode;
const and = (...children: DomainNode[]): DomainNode => ({ kind: 'and', children });
const or = (...children: DomainNode[]): DomainNode => ({ kind: 'or', children });
const not = (child: DomainNode): DomainNode => ({ kind: 'not', child });
const TRUE: DomainNode = { kind: 'true' };
const FALSE: DomainNode = { kind: 'false' };

function syntaxError(text: string): DomainSyntaxError {
  try {
    parseDomain(text);
  } catch (error) {
    if (error instanceof DomainSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parseDomain', () => {
  describe('literals', () => {
    it.each<[string, string, unknown]>([
      ['single quotes', `[('name', '=', 'Acme')]`, 'Acme'],
      ['double quotes', `[("name", "=", "Acme")]`, 'Acme'],
      ['escaped single quote', `[('name', '=', 'O\\'Brien')]`, "O'Brien"],
      ['other quote inside', `[('name', '=', "O'Brien")]`, "O'Brien"],
      ['escaped double quote', `[('name', '=', "say \\"hi\\"")]`, 'say "hi"'],
      ['backslash escape', `[('name', '=', 'a\\\\b')]`, 'a\\b'],
      ['newline and tab escapes', `[('name', '=', 'a\\nb\\tc')]`, 'a\nb\tc'],
      ['hex and unicode escapes', `[('name', '=', '\\x41\\u00e9\\U0001F600')]`, 'Aé😀'],
      ['octal escape', `[('name', '=', '\\101')]`, 'A'],
      ['unknown escape kept as Python does', `[('name', '=', '\\d')]`, '\\d'],
      ['u prefix', `[('name', '=', u'Acme')]`, 'Acme'],
      ['raw string', `[('name', '=like', r'100\\_%')]`, '100\\_%'],
      ['non-ASCII text', `[('name', '=', 'Société Générale')]`, 'Société Générale'],
      ['True', `[('active', '=', True)]`, true],
      ['False', `[('active', '=', False)]`, false],
      ['None', `[('email', '=', None)]`, null],
      ['json true', `[["active", "=", true]]`, true],
      ['json false', `[["active", "=", false]]`, false],
      ['json null', `[["email", "=", null]]`, null],
      ['integer', `[('id', '=', 42)]`, 42],
      ['negative integer', `[('id', '>', -3)]`, -3],
      ['float', `[('list_price', '>=', 12.5)]`, 12.5],
      ['negative float with exponent', `[('list_price', '<', -1.5e3)]`, -1500],
      ['leading-dot float', `[('list_price', '<', .5)]`, 0.5],
      ['list value', `[('id', 'in', [1, 2, 3])]`, [1, 2, 3]],
      ['tuple value', `[('id', 'in', (1, 2))]`, [1, 2]],
      ['one-element tuple', `[('id', 'in', (7,))]`, [7]],
      ['empty tuple', `[('id', 'in', ())]`, []],
      ['parenthesised value is not a tuple', `[('id', '=', (7))]`, 7],
      ['mixed list with trailing comma', `[('id', 'in', [1, False, None, 'x',])]`, [1, false, null, 'x']],
      ['nested lists', `[('x', 'in', [[1, [2]], (3,)])]`, [[1, [2]], [3]]],
      ['whitespace and newlines', `[\n  (\n 'id' ,\t'in' ,\r\n [ 1 , 2 ] )\n]`, [1, 2]],
      ['SQL injection text stays data', `[('name','=',"x'; DROP TABLE res_partner; --")]`, "x'; DROP TABLE res_partner; --"],
      ['operator-looking value stays data', `[('name', '=', '|')]`, '|'],
    ])('%s', (_label, text, value) => {
      const node = parseDomain(text);
      expect(node.kind).toBe('leaf');
      expect(node.kind === 'leaf' && node.value).toEqual(value);
    });
  });

  describe('structure', () => {
    const a = leaf('name', '=', 'a');
    const b = leaf('name', '=', 'b');
    const c = leaf('name', '=', 'c');
    it.each<[string, string, DomainNode]>([
      ['empty list matches all', `[]`, TRUE],
      ['blank text matches all', `  \n `, TRUE],
      ['empty tuple domain', `()`, TRUE],
      ['single term', `[('name', '=', 'a')]`, a],
      ['top-level tuple of terms', `(('name', '=', 'a'), ('name', '=', 'b'))`, and(a, b)],
      ['terms as lists (JSON style)', `[["name", "=", "a"], ["name", "=", "b"]]`, and(a, b)],
      ['implicit AND', `[('name', '=', 'a'), ('name', '=', 'b'), ('name', '=', 'c')]`, and(a, b, c)],
      ['explicit AND', `['&', ('name', '=', 'a'), ('name', '=', 'b')]`, and(a, b)],
      ['OR', `['|', ('name', '=', 'a'), ('name', '=', 'b')]`, or(a, b)],
      ['OR chain is flattened', `['|', '|', ('name', '=', 'a'), ('name', '=', 'b'), ('name', '=', 'c')]`, or(a, b, c)],
      ['OR then implicit AND', `['|', ('name', '=', 'a'), ('name', '=', 'b'), ('name', '=', 'c')]`, and(or(a, b), c)],
      ['term then OR', `[('name', '=', 'a'), '|', ('name', '=', 'b'), ('name', '=', 'c')]`, and(a, or(b, c))],
      ['nested AND inside OR', `['|', '&', ('name', '=', 'a'), ('name', '=', 'b'), ('name', '=', 'c')]`, or(and(a, b), c)],
      ['NOT', `['!', ('name', '=', 'a')]`, not(a)],
      ['NOT of OR', `['!', '|', ('name', '=', 'a'), ('name', '=', 'b')]`, not(or(a, b))],
      ['double NOT kept', `['!', '!', ('name', '=', 'a')]`, not(not(a))],
      ['TRUE_LEAF', `[(1, '=', 1)]`, TRUE],
      ['FALSE_LEAF', `[(0, '=', 1)]`, FALSE],
      ['TRUE_LEAF in OR', `['|', (1, '=', 1), ('name', '=', 'a')]`, or(TRUE, a)],
      ['dotted path', `[('parent_id.country_id.code', '=', 'ES')]`, leaf('parent_id.country_id.code', '=', 'ES')],
      [
        'operator case and <> are normalised',
        `[('name', '<>', 'a'), ('id', 'NOT  IN', [1])]`,
        and(leaf('name', '!=', 'a'), leaf('id', 'not in', [1])),
      ],
    ])('%s', (_label, text, expected) => {
      expect(parseDomain(text)).toEqual(expected);
    });

    it.each([
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
    ])('accepts operator %s', (op) => {
      expect(parseDomain(`[('id', '${op}', 1)]`)).toEqual(leaf('id', op, 1));
    });

    it.each<[string, string, DomainNode]>([
      [
        `[('child_ids', 'any', [('name', '=', 'x')])]`,
        'any',
        { kind: 'leaf', path: ['child_ids'], operator: 'any', value: null, subdomain: leaf('name', '=', 'x') },
      ],
      [
        `[('parent_id', 'NOT ANY', ['|', ('id', '=', 1), ('id', '=', 2)])]`,
        'not any',
        {
          kind: 'leaf',
          path: ['parent_id'],
          operator: 'not any',
          value: null,
          subdomain: { kind: 'or', children: [leaf('id', '=', 1), leaf('id', '=', 2)] },
        },
      ],
      [
        `[('child_ids', 'any', [])]`,
        'any',
        { kind: 'leaf', path: ['child_ids'], operator: 'any', value: null, subdomain: { kind: 'true' } },
      ],
    ])('parses %s with a subdomain (%s)', (text, _op, expected) => {
      expect(parseDomain(text)).toEqual(expected);
    });

    it.each([
      [`[('child_ids', 'any', 'x')]`, "operator 'any' needs a domain"],
      [`[('child_ids', 'any', [('name', '~', 'x')])]`, "unknown operator '~'"],
      [`[('child_ids', 'any', [${Array.from({ length: 256 }, () => "('id', '=', 1)").join(', ')}])]`, 'at most 256 terms'],
    ])('refuses %s', (text, message) => {
      expect(() => parseDomain(text)).toThrow(message);
    });
  });

  describe('errors', () => {
    it.each<[string, string, number, string]>([
      ['not a list', `'name'`, 0, "expected '[' at position 0"],
      ['unclosed list', `[('name', '=', 'a')`, 19, "expected ',' or ']' at position 19"],
      ['missing comma between terms', `[('name', '=', 'a') ('name', '=', 'b')]`, 20, "expected ',' or ']' at position 20"],
      ['missing comma in a term', `[('name' '=', 'a')]`, 9, "expected ',' or ')' at position 9"],
      ['leading comma', `[, ('name', '=', 'a')]`, 1, "expected a value or ']' at position 1"],
      ['double comma', `[('id', 'in', [1,,2])]`, 17, "expected a value or ']' at position 17"],
      ['trailing garbage', `[('id', '=', 1)] x`, 17, "unexpected name 'x' at position 17"],
      ['extra closing bracket', `[('id', '=', 1)]]`, 16, 'expected end of domain at position 16'],
      ['unterminated string', `[('name', '=', 'abc)]`, 15, 'unterminated string starting at position 15'],
      ['string broken by newline', `[('name', '=', 'ab\nc')]`, 15, 'unterminated string starting at position 15'],
      ['unknown name', `[('name', '=', Null)]`, 15, "unexpected name 'Null' at position 15"],
      ['bad character', `[('id', '=', @)]`, 13, "unexpected character '@' at position 13"],
      ['bad hex escape', `[('name', '=', '\\xZZ')]`, 16, 'invalid escape \\xZZ at position 16'],
      ['huge integer', `[('id', '=', 123456789012345678901)]`, 13, 'number 123456789012345678901 at position 13 is out of range'],
      ['parenthesised non-list domain', `(('name', '=', 'a'))`, 2, "invalid term 'name' at position 2"],
      ['OR missing operands', `['|', ('name', '=', 'a')]`, 1, "operator '|' at position 1 needs 2 terms after it, found only 1"],
      ['AND with nothing after', `[('name', '=', 'a'), '&']`, 21, "operator '&' at position 21 needs 2 terms after it, found none"],
      ['NOT with nothing after', `['!']`, 1, "operator '!' at position 1 needs 1 term after it, found none"],
      [
        'term with 2 elements',
        `[('name', '=')]`,
        1,
        "invalid term ('name', '=') at position 1: a term needs 3 elements (field, operator, value), found 2",
      ],
      ['term with 4 elements', `[('name', '=', 'a', 'b')]`, 1, 'a term needs 3 elements (field, operator, value), found 4'],
      ['unknown operator', `[('name', '~', 'a')]`, 1, "invalid term ('name', '~', 'a') at position 1: unknown operator '~'"],
      ['non-string operator', `[('name', 1, 'a')]`, 1, 'the operator must be a quoted string'],
      [
        'unknown logical string',
        `['^', ('name', '=', 'a')]`,
        1,
        "invalid term '^' at position 1: expected a (field, operator, value) term or one of '&', '|', '!'",
      ],
      ['bare value as term', `[('name', '=', 'a'), 5]`, 21, 'invalid term 5 at position 21'],
      ['numeric field other than TRUE/FALSE leaf', `[(2, '=', 1)]`, 1, 'the field must be a quoted name'],
      ['empty field name', `[('', '=', 1)]`, 1, 'the field must be a quoted, non-empty name'],
      ['bad field path', `[('country_id..code', '=', 1)]`, 1, "invalid field path 'country_id..code'"],
      ['field with SQL in it', `[('name; DROP TABLE x', '=', 1)]`, 1, "invalid field path 'name; DROP TABLE x'"],
    ])('%s', (_label, text, position, message) => {
      const error = syntaxError(text);
      expect(error).toBeInstanceOf(DomainSyntaxError);
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toContain(message);
      expect(error.position).toBe(position);
    });

    it('rejects text longer than the limit', () => {
      const text = `[('name', '=', '${'x'.repeat(100_000)}')]`;
      const error = syntaxError(text);
      expect(error.message).toContain('domain is too long');
      expect(error.position).toBe(100_000);
    });

    it('rejects bracket nesting deeper than 64', () => {
      const text = `[('x', 'in', ${'['.repeat(70)}${']'.repeat(70)})]`;
      expect(syntaxError(text).message).toContain('nesting too deep');
    });

    it('accepts nesting up to the limit', () => {
      const text = `[('x', 'in', ${'['.repeat(60)}${']'.repeat(60)})]`;
      expect(parseDomain(text).kind).toBe('leaf');
    });

    it('rejects logical nesting deeper than 64 (alternating & and |)', () => {
      const ops = Array.from({ length: 70 }, (_, i) => (i % 2 ? "'&'" : "'|'")).join(', ');
      const terms = Array.from({ length: 71 }, () => "('id', '=', 1)").join(', ');
      expect(syntaxError(`[${ops}, ${terms}]`).message).toContain('domain nesting too deep');
    });

    it.each([
      [`[${Array.from({ length: 257 }, (_, i) => `('id', '=', ${i})`).join(', ')}]`, 'at most 256 terms'],
      [`[('id', 'in', [${Array.from({ length: 1001 }, (_, i) => i).join(', ')}])]`, 'at most 1000 values for in'],
      [`[('id', 'child_of', [${Array.from({ length: 101 }, (_, i) => `'n${i}'`).join(', ')}])]`, 'at most 100 values for child_of'],
      [`[('comment', 'like', '${'x'.repeat(257)}')]`, 'at most 256 characters'],
      [`[('comment', 'not ilike', '${'x'.repeat(257)}')]`, 'at most 256 characters'],
      [`[('name', 'in', ['${'x'.repeat(1001)}'])]`, 'at most 1000 characters'],
    ])('bounds what one term costs (%#)', (text, message) => {
      const error = syntaxError(text);
      expect(error.message).toContain(message);
      expect(error.message).toMatch(/^invalid term \(/);
    });

    it('accepts terms at the bounds', () => {
      expect(parseDomain(`[('comment', 'ilike', '${'x'.repeat(256)}'), ('name', '=', '${'y'.repeat(1000)}')]`).kind).toBe('and');
      expect(parseDomain(`[('id', 'in', [${Array.from({ length: 1000 }, (_, i) => i).join(', ')}])]`).kind).toBe('leaf');
    });

    it('keeps long homogeneous OR chains flat (no depth error)', () => {
      const n = 256;
      const text = `[${"'|', ".repeat(n - 1)}${Array.from({ length: n }, (_, i) => `('id', '=', ${i})`).join(', ')}]`;
      const node = parseDomain(text);
      expect(node.kind).toBe('or');
      expect(node.kind === 'or' && node.children).toHaveLength(n);
    });

    it('rejects a too-long dotted path', () => {
      const path = Array.from({ length: 17 }, () => 'parent_id').join('.');
      expect(syntaxError(`[('${path}', '=', 1)]`).message).toContain('longer than 16 fields');
    });

    it('rejects non-string input', () => {
      expect(() => parseDomain(42 as unknown as string)).toThrow(DomainSyntaxError);
    });
  });
});
