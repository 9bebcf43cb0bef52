import { FieldDefinition } from '../../../../src/odoo/model-definition';
import { coerceFieldValue, FieldValueError, serializeFieldValue } from '../../../../src/odoo/values/field-value';

const f = (type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name: 'f',
  label: 'F',
  type,
  ...extra,
});

describe('coerceFieldValue', () => {
  it.each([
    ['char', 'abc', 'strict', 'abc'],
    ['char', false, 'strict', null],
    ['char', '', 'strict', null],
    ['char', 12, 'lenient', '12'],
    ['integer', 5, 'strict', 5],
    ['integer', '5', 'lenient', 5],
    ['integer', ' -7 ', 'lenient', -7],
    ['integer', '', 'lenient', null],
    ['float', 1.5, 'strict', 1.5],
    ['float', '1.25', 'lenient', 1.25],
    ['boolean', true, 'strict', true],
    ['boolean', false, 'strict', false],
    ['boolean', null, 'strict', false],
    ['boolean', 'True', 'lenient', true],
    ['boolean', '0', 'lenient', false],
    ['boolean', '', 'lenient', false],
    ['date', '2024-02-29', 'strict', '2024-02-29'],
    ['date', '2024-02-29T10:00:00Z', 'lenient', '2024-02-29'],
    ['many2one', 3, 'strict', 3],
    ['many2one', false, 'strict', null],
    ['many2one', '3', 'lenient', 3],
    ['many2many', [1, 2, 2], 'strict', [1, 2]],
    ['many2many', '1, 2,3', 'lenient', [1, 2, 3]],
    ['one2many', false, 'strict', []],
  ] as const)('%s %p (%s) → %p', (type, raw, mode, expected) => {
    expect(coerceFieldValue(f(type), raw, mode)).toEqual(expected);
  });

  it('reads datetimes as UTC, with or without an offset', () => {
    expect((coerceFieldValue(f('datetime'), '2024-01-31T10:00:00+02:00') as Date).toISOString()).toBe('2024-01-31T08:00:00.000Z');
    expect((coerceFieldValue(f('datetime'), '2024-01-31 10:00:00') as Date).toISOString()).toBe('2024-01-31T10:00:00.000Z');
  });

  it.each([
    ['char', 12, 'strict'],
    ['integer', '5', 'strict'],
    ['integer', 1.5, 'strict'],
    ['integer', 'abc', 'lenient'],
    ['float', 'x', 'lenient'],
    ['boolean', 'yes', 'strict'],
    ['boolean', 'maybe', 'lenient'],
    ['date', '2023-02-29', 'strict'],
    ['date', '31/01/2024', 'lenient'],
    ['datetime', 'yesterday', 'strict'],
    ['many2one', 0, 'strict'],
    ['many2many', [1, 'x'], 'strict'],
    ['many2many', '1,2', 'strict'],
  ] as const)('rejects %s %p (%s) naming the field and the value', (type, raw, mode) => {
    expect(() => coerceFieldValue(f(type), raw, mode)).toThrow(FieldValueError);
    expect(() => coerceFieldValue(f(type), raw, mode)).toThrow(/^f: .*got/);
  });

  it.each([
    ['char', { toString: { polluted: true } }, /^f: expected a string, got \{"toString":\{"polluted":true\}\}$/],
    ['char', { valueOf: 1, toString: 2 }, /^f: expected a string, got \{"valueOf":1,"toString":2\}$/],
    ['integer', { a: 1 }, /^f: .*got \{"a":1\}$/],
    ['many2one', [{ toString: 1 }], /^f: .*got \[\{"toString":1\}\]$/],
  ] as const)('names a %s value %p that owns built-in names as JSON (no TypeError)', (type, raw, message) => {
    expect(() => coerceFieldValue(f(type), raw, 'lenient')).toThrow(message);
  });

  it('enforces char size and selection keys', () => {
    expect(() => coerceFieldValue(f('char', { size: 3 }), 'abcd')).toThrow(/longer than 3/);
    const sel = f('selection', { selection: [['a', 'A']] });
    expect(coerceFieldValue(sel, 'a')).toBe('a');
    expect(() => coerceFieldValue(sel, 'b')).toThrow(/one of a/);
  });
});

describe('serializeFieldValue', () => {
  it.each([
    ['boolean', 1, true],
    ['boolean', 0, false],
    ['boolean', null, false],
    ['char', null, null],
    ['many2many', null, []],
    ['date', new Date('2024-01-31T00:00:00Z'), '2024-01-31'],
    ['datetime', '2024-01-31 10:00:00.000', '2024-01-31T10:00:00.000Z'],
    ['datetime', new Date('2024-01-31T10:00:00Z'), '2024-01-31T10:00:00.000Z'],
    ['float', '2.5', 2.5],
  ] as const)('%s %p → %p', (type, value, expected) => {
    expect(serializeFieldValue(f(type), value)).toEqual(expected);
  });
});
