import { mergeFields, MergeInput, sameValue } from '../../../src/engine/merge';

const FIELDS = ['name', 'email', 'phone'];
const BASE = { name: 'Azure', email: 'a@x.com', phone: '1' };

function merge(
  local: Record<string, unknown>,
  incoming: Record<string, unknown>,
  priority: MergeInput['priority'] = 'odoo',
  base: MergeInput['base'] = BASE,
) {
  return mergeFields({ fields: FIELDS, base, local: { ...BASE, ...local }, incoming, priority });
}

describe('mergeFields (bidirectional field-by-field merge)', () => {
  it.each([
    // [case, local changes, incoming, priority, fields taken from incoming, conflicts]
    ['external changed one field, odoo another: both kept', { name: 'Azure Local' }, { email: 'new@x.com' }, 'odoo', ['email'], []],
    ['same, priority external', { name: 'Azure Local' }, { email: 'new@x.com' }, 'external', ['email'], []],
    ['both changed the same field, odoo priority: local kept', { email: 'local@x.com' }, { email: 'ext@x.com' }, 'odoo', [], ['email']],
    [
      'both changed the same field, external priority: incoming taken',
      { email: 'local@x.com' },
      { email: 'ext@x.com' },
      'external',
      ['email'],
      ['email'],
    ],
    ['both changed to the same value: nothing to decide', { email: 'same@x.com' }, { email: 'same@x.com' }, 'odoo', [], []],
    ['incoming repeats the base, odoo changed it: odoo kept', { phone: '2' }, { phone: '1' }, 'external', [], []],
    [
      'full incoming, one field changed on each side',
      { phone: '2' },
      { name: 'Azure Ext', email: 'a@x.com', phone: '1' },
      'odoo',
      ['name'],
      [],
    ],
    ['nothing changed anywhere', {}, { name: 'Azure' }, 'odoo', [], []],
  ] as const)('%s', (_case, local, incoming, priority, take, conflicts) => {
    const result = merge(local, incoming, priority);
    expect(result.take).toEqual(take);
    expect(result.conflicts).toEqual(conflicts);
  });

  it.each([
    ['odoo', [], 'conflict on email: odoo priority'],
    ['external', ['email'], 'conflict on email: external priority'],
  ] as const)('without a base every difference is a conflict decided by priority (%s)', (priority, take, note) => {
    const result = merge({ email: 'local@x.com' }, { email: 'ext@x.com', name: 'Azure' }, priority, null);
    expect(result.take).toEqual(take);
    expect(result.note).toBe(note);
    expect(result.externalHasResult).toBe(false);
  });

  it('a base without a field means neither side gave it a value: a new external value is a one-sided change', () => {
    const result = mergeFields({
      fields: ['name', 'phone'],
      base: { name: 'a' },
      local: { name: 'a', phone: null },
      incoming: { phone: '9' },
      priority: 'odoo',
    });
    expect(result.take).toEqual(['phone']);
    expect(result.conflicts).toEqual([]);
    expect(result.externalHasResult).toBe(true);
  });

  it.each([
    [
      'the merged record equals what the external side has: odoo change overwritten by external priority',
      { email: 'l@x.com' },
      { email: 'e@x.com' },
      'external',
      true,
    ],
    ['an odoo change survives: the external side still needs it', { name: 'Azure Local' }, { email: 'e@x.com' }, 'odoo', false],
    ['odoo priority kept a conflicting local value', { email: 'l@x.com' }, { email: 'e@x.com' }, 'odoo', false],
  ] as const)('externalHasResult: %s', (_case, local, incoming, priority, expected) => {
    expect(merge(local, incoming, priority).externalHasResult).toBe(expected);
  });

  it('describes every decision for the change log', () => {
    const result = merge({ name: 'Azure Local', email: 'l@x.com' }, { name: 'Azure', email: 'e@x.com', phone: '9' }, 'odoo');
    expect(result.note).toBe('name: odoo change kept; conflict on email: odoo priority; phone: external change taken');
    expect(result.decisions.map((d) => [d.field, d.reason, d.winner])).toEqual([
      ['name', 'odoo', 'odoo'],
      ['email', 'conflict', 'odoo'],
      ['phone', 'external', 'external'],
    ]);
    expect(result.decisions[1]).toMatchObject({ base: 'a@x.com', local: 'l@x.com', incoming: 'e@x.com' });
  });

  it('ignores fields it is not asked about (the external id, unmapped keys)', () => {
    const result = mergeFields({
      fields: ['name'],
      base: { name: 'a' },
      local: { name: 'a' },
      incoming: { name: 'b', unique_id: 7, other: 1 },
      priority: 'odoo',
    });
    expect(result.take).toEqual(['name']);
    expect(result.decisions).toHaveLength(1);
  });
});

describe('sameValue (equality as the external system means it)', () => {
  it.each([
    [null, undefined, true],
    [null, '', true],
    [false, null, true],
    [[], null, true],
    [1, '1', true],
    [['b', 'a'], ['a', 'b'], true],
    [{ a: 1, b: [2] }, { b: ['2'], a: '1' }, true],
    ['a', 'A', false],
    [true, null, false],
    [0, null, false],
    [['a'], ['a', 'b'], false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected);
  });
});
