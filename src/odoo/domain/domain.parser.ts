import { DomainSyntaxError } from './domain.errors';
import { Token, tokenize } from './domain.tokenizer';
import { DOMAIN_LIMITS, DOMAIN_OPERATORS, DomainNode, DomainOperator, DomainValue } from './domain.types';

/**
 * Parses Odoo domain text (`[('name', 'ilike', 'foo'), '|', ...]`) into a DomainNode tree,
 * applying Odoo's normalisation: prefix `&`/`|` (binary) and `!` (unary), implicit AND
 * between consecutive top-level terms, `[]` (or blank text) matching everything.
 */

/** A literal with the source span it came from, so errors can quote the term as written. */
type Literal =
  | { kind: 'seq'; items: Literal[]; pos: number; end: number }
  | { kind: 'atom'; value: string | number | boolean | null; pos: number; end: number };

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LOGICAL = new Set(['&', '|', '!']);

export function parseDomain(text: string): DomainNode {
  if (typeof text !== 'string') {
    throw new DomainSyntaxError('a domain must be given as text', 0);
  }
  if (text.length > DOMAIN_LIMITS.maxLength) {
    throw new DomainSyntaxError(
      `domain is too long (${text.length} characters, at most ${DOMAIN_LIMITS.maxLength})`,
      DOMAIN_LIMITS.maxLength,
    );
  }
  // A blank domain field means "no filter", as Odoo's default '[]'.
  if (text.trim() === '') return { kind: 'true' };
  const reader = new LiteralReader(tokenize(text));
  const first = reader.peek();
  if (first.type !== '[' && first.type !== '(') {
    throw reader.expected("'['", first);
  }
  const root = reader.value(0);
  const last = reader.peek();
  if (last.type !== 'eof') {
    throw new DomainSyntaxError(`expected end of domain at position ${last.pos}`, last.pos);
  }
  if (root.kind !== 'seq') {
    throw new DomainSyntaxError('expected a list of terms at position 0', 0);
  }
  return new TreeBuilder(text).build(root.items);
}

class LiteralReader {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index];
  }

  expected(what: string, found: Token): DomainSyntaxError {
    const shown = found.type === 'eof' ? 'end of input' : describe(found);
    return new DomainSyntaxError(`expected ${what} at position ${found.pos}, found ${shown}`, found.pos);
  }

  value(depth: number): Literal {
    const token = this.peek();
    if (token.type === '[' || token.type === '(') {
      if (depth >= DOMAIN_LIMITS.maxDepth) {
        throw new DomainSyntaxError(`nesting too deep at position ${token.pos} (at most ${DOMAIN_LIMITS.maxDepth} levels)`, token.pos);
      }
      return this.sequence(depth + 1);
    }
    if (token.type === 'string' || token.type === 'number' || token.type === 'constant') {
      this.index++;
      return { kind: 'atom', value: token.value ?? null, pos: token.pos, end: token.end };
    }
    throw this.expected('a value', token);
  }

  /** `[a, b,]`, `(a, b)`, `(a,)`, `()`; `(a)` is just `a`, as in Python. */
  private sequence(depth: number): Literal {
    const open = this.tokens[this.index++];
    const close = open.type === '[' ? ']' : ')';
    const items: Literal[] = [];
    let sawComma = false;
    for (;;) {
      if (this.peek().type === close) break;
      if (!isValueStart(this.peek())) {
        throw this.expected(`a value or '${close}'`, this.peek());
      }
      items.push(this.value(depth));
      const next = this.peek();
      if (next.type === ',') {
        sawComma = true;
        this.index++;
      } else if (next.type !== close) {
        throw this.expected(`',' or '${close}'`, next);
      }
    }
    const end = this.tokens[this.index++].end;
    if (open.type === '(' && items.length === 1 && !sawComma) return items[0];
    return { kind: 'seq', items, pos: open.pos, end };
  }
}

function isLogical(item: Literal): boolean {
  return item.kind === 'atom' && typeof item.value === 'string' && LOGICAL.has(item.value);
}

function isValueStart(token: Token): boolean {
  return ['[', '(', 'string', 'number', 'constant'].includes(token.type);
}

function describe(token: Token): string {
  if (token.type === 'string') return JSON.stringify(token.value);
  if (token.type === 'number' || token.type === 'constant') return String(token.value);
  return `'${token.type}'`;
}

/** Turns the top-level list into a tree: Odoo's prefix notation, read right to left. */
class TreeBuilder {
  private readonly depth = new Map<DomainNode, number>();
  private terms = 0;

  constructor(private readonly text: string) {}

  build(items: Literal[]): DomainNode {
    // Terms are checked in written order so the first bad one is the one reported.
    const terms = items.map((item): { operator: Literal } | { node: DomainNode } =>
      isLogical(item) ? { operator: item } : { node: this.leaf(item) },
    );
    const stack: DomainNode[] = [];
    for (let i = terms.length - 1; i >= 0; i--) {
      const term = terms[i];
      if ('node' in term) {
        stack.push(term.node);
        continue;
      }
      const item = term.operator as Literal & { kind: 'atom'; value: string };
      const arity = item.value === '!' ? 1 : 2;
      if (stack.length < arity) {
        const found = stack.length === 0 ? 'none' : `only ${stack.length}`;
        throw new DomainSyntaxError(
          `operator '${item.value}' at position ${item.pos} needs ${arity} term${arity > 1 ? 's' : ''} after it, found ${found}`,
          item.pos,
        );
      }
      const operands = [stack.pop()!, ...(arity === 2 ? [stack.pop()!] : [])];
      const node: DomainNode =
        item.value === '!' ? { kind: 'not', child: operands[0] } : this.branch(item.value === '&' ? 'and' : 'or', operands);
      if (item.value === '!') this.depth.set(node, this.depthOf(operands[0]) + 1);
      this.checkDepth(node, item.pos);
      stack.push(node);
    }
    if (stack.length === 0) return { kind: 'true' };
    if (stack.length === 1) return stack[0];
    // Consecutive top-level terms are implicitly AND-ed, in their written order.
    const root = this.branch('and', stack.reverse());
    this.checkDepth(root, 0);
    return root;
  }

  /** Flattens `&` of `&` (and `|` of `|`) so long generated chains stay shallow. */
  private branch(kind: 'and' | 'or', operands: DomainNode[]): DomainNode {
    const children: DomainNode[] = [];
    let depth = 0;
    for (const operand of operands) {
      if (operand.kind === kind) {
        children.push(...operand.children);
        depth = Math.max(depth, this.depthOf(operand));
      } else {
        children.push(operand);
        depth = Math.max(depth, this.depthOf(operand) + 1);
      }
    }
    const node: DomainNode = { kind, children };
    this.depth.set(node, depth);
    return node;
  }

  private depthOf(node: DomainNode): number {
    return this.depth.get(node) ?? 1;
  }

  private checkDepth(node: DomainNode, pos: number): void {
    if (this.depthOf(node) > DOMAIN_LIMITS.maxDepth) {
      throw new DomainSyntaxError(`domain nesting too deep at position ${pos} (at most ${DOMAIN_LIMITS.maxDepth} levels)`, pos);
    }
  }

  private leaf(item: Literal): DomainNode {
    if (item.kind !== 'seq') {
      throw this.termError(item, "expected a (field, operator, value) term or one of '&', '|', '!'");
    }
    if (item.items.length !== 3) {
      throw this.termError(item, `a term needs 3 elements (field, operator, value), found ${item.items.length}`);
    }
    const [left, op, right] = item.items;
    const value = toValue(right);
    if (left.kind === 'atom' && typeof left.value === 'number') {
      // Odoo's TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1).
      if ((left.value === 1 || left.value === 0) && opText(op) === '=' && value === 1) {
        return { kind: left.value === 1 ? 'true' : 'false' };
      }
      throw this.termError(item, "the field must be a quoted name (only (1, '=', 1) and (0, '=', 1) may start with a number)");
    }
    if (left.kind !== 'atom' || typeof left.value !== 'string' || left.value === '') {
      throw this.termError(item, 'the field must be a quoted, non-empty name');
    }
    const path = left.value.split('.');
    if (!path.every((part) => FIELD_NAME.test(part))) {
      throw this.termError(item, `invalid field path '${left.value}'`);
    }
    if (path.length > DOMAIN_LIMITS.maxPathLength) {
      throw this.termError(item, `field path '${left.value}' is longer than ${DOMAIN_LIMITS.maxPathLength} fields`);
    }
    const operator = opText(op);
    if (operator === undefined) {
      throw this.termError(item, 'the operator must be a quoted string');
    }
    if (!(DOMAIN_OPERATORS as readonly string[]).includes(operator)) {
      throw this.termError(item, `unknown operator '${operator}'`);
    }
    if (++this.terms > DOMAIN_LIMITS.maxTerms) {
      throw this.termError(item, `a domain has at most ${DOMAIN_LIMITS.maxTerms} terms`);
    }
    if (operator === 'any' || operator === 'not any') {
      // Odoo 17: the value is a domain on the related model; its terms count toward the bound.
      if (right.kind !== 'seq') throw this.termError(item, `operator '${operator}' needs a domain (a list of terms) as its value`);
      return { kind: 'leaf', path, operator, value: null, subdomain: this.build(right.items) };
    }
    const tooBig = sizeProblem(operator as DomainOperator, value);
    if (tooBig) throw this.termError(item, tooBig);
    return { kind: 'leaf', path, operator: operator as DomainOperator, value };
  }

  private termError(item: Literal, problem: string): DomainSyntaxError {
    let source = this.text.slice(item.pos, item.end).replace(/\s+/g, ' ');
    if (source.length > 80) source = source.slice(0, 77) + '...';
    return new DomainSyntaxError(`invalid term ${source} at position ${item.pos}: ${problem}`, item.pos);
  }
}

const PATTERN_OPERATORS: ReadonlySet<string> = new Set(['like', 'not like', 'ilike', 'not ilike', '=like', '=ilike']);

/** What one term may ask of the database (DOMAIN_LIMITS), or undefined when it is within bounds. */
function sizeProblem(operator: DomainOperator, value: DomainValue): string | undefined {
  const values = Array.isArray(value) ? value : [value];
  const hierarchy = operator === 'child_of' || operator === 'parent_of';
  const maxValues = hierarchy ? DOMAIN_LIMITS.maxHierarchyValues : DOMAIN_LIMITS.maxListValues;
  if (values.length > maxValues) return `at most ${maxValues} values for ${operator}, found ${values.length}`;
  const maxText = PATTERN_OPERATORS.has(operator) ? DOMAIN_LIMITS.maxPatternLength : DOMAIN_LIMITS.maxValueLength;
  for (const item of values) {
    if (typeof item === 'string' && item.length > maxText) {
      return `a value of ${operator} has at most ${maxText} characters, found ${item.length}`;
    }
  }
  return undefined;
}

/** Odoo lower-cases operators and treats `<>` as `!=`; spacing inside `not in` is forgiven. */
function opText(literal: Literal): string | undefined {
  if (literal.kind !== 'atom' || typeof literal.value !== 'string') return undefined;
  const op = literal.value.trim().toLowerCase().replace(/\s+/g, ' ');
  return op === '<>' ? '!=' : op;
}

function toValue(literal: Literal): DomainValue {
  return literal.kind === 'atom' ? literal.value : literal.items.map(toValue);
}

export type { DomainNode, DomainLeaf, DomainBranch, DomainNot, DomainConstant, DomainOperator, DomainValue } from './domain.types';
export { DomainSyntaxError } from './domain.errors';
