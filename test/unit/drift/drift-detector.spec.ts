import {
  DriftTally,
  EXAMPLE_CHARS,
  exampleOf,
  itemDrift,
  MAX_TALLY_ENTRIES,
  NO_DRIFT,
  stoppedFields,
  typeMismatches,
} from '../../../src/drift/drift-detector';

const schema = { known: new Set(['name', 'unique_id', 'email', 'phone']), received: ['name', 'unique_id', 'email'] };

describe('itemDrift', () => {
  it.each([
    ['nothing odd', { name: 'A', unique_id: 1, email: 'a@x' }, ['name', 'email'], true, [], ['name', 'unique_id', 'email']],
    [
      'a key the sync model does not define',
      { name: 'A', unique_id: 1, email: 'a@x', fax: '1' },
      [],
      true,
      ['unknown_key:fax'],
      ['name', 'unique_id', 'email'],
    ],
    ['a defined but unmapped key is no drift', { name: 'A', phone: '2' }, [], false, [], ['name']],
    ['a seen field missing from a full item', { name: 'A', unique_id: 1 }, ['email'], true, ['missing_field:email'], ['name', 'unique_id']],
    ['a never-seen field missing is no drift', { name: 'A', unique_id: 1 }, [], true, [], ['name', 'unique_id']],
    ['a partial item (real-time PUT) is not checked for missing fields', { name: 'A' }, ['email', 'unique_id'], false, [], ['name']],
    ['a present null is present', { name: 'A', unique_id: 1, email: null }, ['email'], true, [], ['name', 'unique_id', 'email']],
    [
      'an inherited key is not a key',
      Object.create({ email: 'x' }) as Record<string, unknown>,
      ['email'],
      true,
      ['missing_field:email'],
      [],
    ],
  ])('%s', (_name, payload, seen, full, findings, present) => {
    const result = itemDrift(payload as Record<string, unknown>, schema, new Set(seen as string[]), full as boolean);
    expect(result.findings.map((f) => `${f.kind}:${f.field}`)).toEqual(findings);
    expect(result.present).toEqual(present);
  });
});

describe('typeMismatches', () => {
  it('names the field and keeps the value sent', () => {
    expect(typeMismatches([{ field: 'qty', problem: 'expected an integer' }], { qty: 'ten' })).toEqual([
      { kind: 'type_mismatch', field: 'qty', example: 'ten' },
    ]);
  });
});

describe('exampleOf', () => {
  it.each([
    ['text as JSON', 'email', 'a@x', '"a@x"'],
    ['a number', 'qty', 12, '12'],
    ['an object', 'meta', { a: 1 }, '{"a":1}'],
    ['null', 'email', null, null],
    ['a secret-named field', 'password', 'hunter2', '[secret]'],
    ['an api key field', 'apiKey', 'k', '[secret]'],
    ['long text is cut', 'note', 'x'.repeat(500), `"${'x'.repeat(EXAMPLE_CHARS - 2)}…`],
  ])('%s', (_name, field, value, expected) => {
    expect(exampleOf(field, value)).toBe(expected);
  });
});

describe('DriftTally', () => {
  it('counts per kind and field, keeps the latest example', () => {
    const tally = new DriftTally();
    tally.add({ kind: 'unknown_key', field: 'fax', example: '1' });
    tally.add({ kind: 'unknown_key', field: 'fax', example: '2' });
    tally.add({ kind: 'missing_field', field: 'email', example: null });
    expect(tally.counts).toEqual({ ...NO_DRIFT, unknown_key: 2, missing_field: 1 });
    expect(tally.list()).toEqual([
      { kind: 'unknown_key', field: 'fax', count: 2, example: '"2"' },
      { kind: 'missing_field', field: 'email', count: 1, example: null },
    ]);
  });

  it('keeps a bounded number of fields, but counts all', () => {
    const tally = new DriftTally();
    for (let i = 0; i < MAX_TALLY_ENTRIES + 30; i++) tally.add({ kind: 'unknown_key', field: `k${i}`, example: i });
    expect(tally.list()).toHaveLength(MAX_TALLY_ENTRIES);
    expect(tally.counts.unknown_key).toBe(MAX_TALLY_ENTRIES + 30);
  });
});

describe('stoppedFields', () => {
  const seen = new Set(['name', 'email']);
  it.each<[string, { action: string; payload: Record<string, unknown> }[], string[]]>([
    ['every seen field arrives', [{ action: 'write', payload: { name: 'A', unique_id: 1, email: 'a@x' } }], []],
    [
      'a seen field lacking in one item',
      [
        { action: 'write', payload: { name: 'A', email: 'a@x' } },
        { action: 'create', payload: { name: 'B' } },
      ],
      ['email'],
    ],
    [
      'several, named once each and sorted',
      [
        { action: 'write', payload: { unique_id: 1 } },
        { action: 'write', payload: {} },
      ],
      ['email', 'name'],
    ],
    ['a never-seen mapped field lacking is not stopped', [{ action: 'write', payload: { name: 'A', email: 'a@x' } }], []],
    ['a delete carries no record', [{ action: 'unlink', payload: {} }], []],
    ['unknown keys do not count', [{ action: 'write', payload: { name: 'A', email: 'a@x', fax: '1' } }], []],
    ['no items', [], []],
  ])('%s', (_name, items, expected) => expect(stoppedFields(items, schema, seen)).toEqual(expected));
});
