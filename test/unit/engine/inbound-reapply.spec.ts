import { planReapply, recordKey, ReapplyContext, ReapplyRow } from '../../../src/engine/inbound-reapply';

const row = (overrides: Partial<ReapplyRow> = {}): ReapplyRow => ({
  id: 10,
  direction: 'external_to_odoo',
  status: 'failed',
  action: 'write',
  syncObjectId: 1,
  externalId: 'C7',
  originValues: { unique_id: 'C7', name: 'Ana', country: 'XX' },
  ...overrides,
});
const context = (overrides: Partial<ReapplyContext> = {}): ReapplyContext => ({
  objects: new Map([
    [1, { active: true }],
    [2, { active: false }],
  ]),
  newestApplied: new Map(),
  ...overrides,
});
const reasonOf = (rows: ReapplyRow[], ctx = context()) => planReapply(rows, ctx).map((d) => (d.reapply ? 'reapply' : d.reason));

describe('planReapply', () => {
  it.each<[string, ReapplyRow, string]>([
    ['a failed inbound write', row(), 'reapply'],
    ['a failed inbound create', row({ action: 'create' }), 'reapply'],
    ['a failed inbound unlink', row({ action: 'unlink', originValues: {} }), 'reapply'],
    ['a success', row({ status: 'success' }), 'not a failed inbound change'],
    ['an outbound failure', row({ direction: 'odoo_to_external' }), 'not a failed inbound change'],
    ['no sync object', row({ syncObjectId: null }), 'the change names no sync object'],
    ['a deleted sync object', row({ syncObjectId: 9 }), 'sync object 9 no longer exists'],
    ['an inactive sync object', row({ syncObjectId: 2 }), 'sync object 2 is inactive'],
    ['values that are not an object', row({ originValues: 'text' }), 'the change kept no received values to re-apply'],
    ['a list', row({ originValues: [1] }), 'the change kept no received values to re-apply'],
    ['no values', row({ originValues: null }), 'the change kept no received values to re-apply'],
    [
      'truncated values',
      row({ originValues: { _truncated: true, originalBytes: 70000, preview: '{' } }),
      'the received values were too large to keep (64 KB) and cannot be re-applied',
    ],
  ])('%s → %s', (_case, input, expected) => {
    expect(reasonOf([input])).toEqual([expected]);
  });

  it('skips a change a newer applied change of the same record supersedes, not an older one', () => {
    const ctx = context({ newestApplied: new Map([[recordKey(1, 'C7'), 12]]) });
    expect(reasonOf([row({ id: 10 }), row({ id: 14 })], ctx)).toEqual([
      'a newer change of this record was applied (change-log 12)',
      'reapply',
    ]);
  });

  it('re-applies only the newest failed change of a record in the set', () => {
    expect(reasonOf([row({ id: 10 }), row({ id: 11, externalId: 'C8' }), row({ id: 13 })])).toEqual([
      'superseded by change-log 13, the newer change of this record',
      'reapply',
      'reapply',
    ]);
  });

  it('builds the inbound item: a create keeps its id in the payload, a write and an unlink name it', () => {
    const [create, write] = planReapply([row({ id: 1, action: 'create', externalId: null }), row({ id: 2 })], context());
    expect(create).toMatchObject({ reapply: true, item: { action: 'create', payload: { name: 'Ana' } } });
    expect(create.reapply && create.item.externalId).toBeUndefined();
    expect(write).toMatchObject({ reapply: true, item: { action: 'write', externalId: 'C7', payload: { name: 'Ana' } } });
  });
});
