import { DomainSyntaxError } from './domain.errors';

/**
 * Lexer for the Python-literal subset Odoo users write domains in (plus JSON's
 * true/false/null, since domains also arrive from JSON clients).
 */

export type TokenType = '[' | ']' | '(' | ')' | ',' | 'string' | 'number' | 'constant' | 'eof';

export interface Token {
  type: TokenType;
  /** 0-based offset of the first character. */
  pos: number;
  /** Offset just after the last character. */
  end: number;
  value?: string | number | boolean | null;
}

const PUNCTUATION = new Set(['[', ']', '(', ')', ',']);
const CONSTANTS: Record<string, boolean | null> = {
  True: true,
  False: false,
  None: null,
  true: true,
  false: false,
  null: null,
};
const NUMBER = /[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  a: '\x07',
};

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ type: ch as TokenType, pos: i, end: i + 1 });
      i++;
    } else if (ch === "'" || ch === '"') {
      const token = readString(text, i, i, false);
      tokens.push(token);
      i = token.end;
    } else if (/[-+.\d]/.test(ch)) {
      const token = readNumber(text, i);
      tokens.push(token);
      i = token.end;
    } else if (/[A-Za-z_]/.test(ch)) {
      NAME.lastIndex = i;
      const name = NAME.exec(text)![0];
      const next = text[i + name.length];
      // u'...' (Python 2 era domains) and r'...' (raw) string prefixes.
      if (/^[uUrR]$/.test(name) && (next === "'" || next === '"')) {
        const token = readString(text, i, i + 1, /[rR]/.test(name));
        tokens.push(token);
        i = token.end;
      } else if (Object.prototype.hasOwnProperty.call(CONSTANTS, name)) {
        tokens.push({ type: 'constant', pos: i, end: i + name.length, value: CONSTANTS[name] });
        i += name.length;
      } else {
        throw new DomainSyntaxError(
          `unexpected name '${name}' at position ${i}: expected a value (a quoted string, a number, True, False, None, a list or a tuple)`,
          i,
        );
      }
    } else {
      throw new DomainSyntaxError(`unexpected character '${ch}' at position ${i}`, i);
    }
  }
  tokens.push({ type: 'eof', pos: text.length, end: text.length });
  return tokens;
}

function readNumber(text: string, start: number): Token {
  NUMBER.lastIndex = start;
  const match = NUMBER.exec(text);
  if (!match) {
    throw new DomainSyntaxError(`expected a number at position ${start}`, start);
  }
  const raw = match[0];
  const value = Number(raw);
  const isInteger = /^[-+]?\d+$/.test(raw);
  // Ids beyond 2^53 would silently change value: refuse rather than match the wrong record.
  if (!Number.isFinite(value) || (isInteger && !Number.isSafeInteger(value))) {
    throw new DomainSyntaxError(`number ${raw} at position ${start} is out of range`, start);
  }
  return { type: 'number', pos: start, end: start + raw.length, value };
}

/** `start` is where the token begins (prefix included), `quotePos` the opening quote. */
function readString(text: string, start: number, quotePos: number, raw: boolean): Token {
  const quote = text[quotePos];
  let out = '';
  let i = quotePos + 1;
  for (;;) {
    if (i >= text.length || text[i] === '\n' || text[i] === '\r') {
      throw new DomainSyntaxError(`unterminated string starting at position ${start}: expected a closing ${quote}`, start);
    }
    const ch = text[i];
    if (ch === quote) {
      return { type: 'string', pos: start, end: i + 1, value: out };
    }
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) {
      i++;
      continue; // reported as unterminated on the next turn
    }
    if (raw) {
      // Raw strings keep the backslash, but it still protects the quote from ending the string.
      out += ch + next;
      i += 2;
      continue;
    }
    const [decoded, length] = decodeEscape(text, i);
    out += decoded;
    i += length;
  }
}

/** Decodes the Python escape sequence at `at` (a backslash); returns [text, consumed length]. */
function decodeEscape(text: string, at: number): [string, number] {
  const next = text[at + 1];
  if (next === '\n') return ['', 2]; // line continuation
  if (next === '\r') return ['', text[at + 2] === '\n' ? 3 : 2];
  if (SIMPLE_ESCAPES[next] !== undefined) return [SIMPLE_ESCAPES[next], 2];
  if (/[0-7]/.test(next)) {
    const octal = /^[0-7]{1,3}/.exec(text.slice(at + 1, at + 4))![0];
    return [String.fromCodePoint(parseInt(octal, 8)), 1 + octal.length];
  }
  const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (hexLength > 0) {
    const hex = text.slice(at + 2, at + 2 + hexLength);
    const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLength ? parseInt(hex, 16) : NaN;
    if (!(code <= 0x10ffff)) {
      throw new DomainSyntaxError(`invalid escape \\${next}${hex} at position ${at}: expected ${hexLength} hexadecimal digits`, at);
    }
    return [String.fromCodePoint(code), 2 + hexLength];
  }
  // Python keeps unknown escapes verbatim (e.g. '\d' is backslash + d).
  return ['\\' + next, 2];
}
