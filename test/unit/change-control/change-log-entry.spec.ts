import { ChangeLogRowValues, clip, defaultName, insertBatches, toChangeLogRow } from '../../../src/change-control/change-log-entry';
import { NewChangeLogEntry } from '../../../src/change-control/change-log.types';

const NOW = new Date('2026-01-31T09:30:00.000Z');
const describeModel = (model: string) => ({ 'res.partner': 'Contact', 'product.product': 'Product' })[model];
const base: NewChangeLogEntry = {
  direction: 'external_to_odoo',
  action: 'create',
  status: 'success',
  trigger: 'realtime',
  model: 'res.partner',
};

describe('toChangeLogRow', () => {
  it('fills the defaults: name from action and model, syncedAt now, modifiedAt = syncedAt', () => {
    expect(toChangeLogRow(base, NOW, describeModel)).toEqual({
      direction: 'external_to_odoo',
      action: 'create',
      status: 'success',
      trigger: 'realtime',
      model: 'res.partner',
      syncObjectId: null,
      externalId: null,
      odooId: null,
      name: 'Create Contact',
      title: null,
      originValues: null,
      destinationValues: null,
      modifiedAt: NOW,
      syncedAt: NOW,
      errorMessage: null,
      durationMs: null,
    });
  });

  it('keeps what the caller gives', () => {
    const syncedAt = new Date('2026-01-01T00:00:00Z');
    const row = toChangeLogRow(
      {
        ...base,
        name: 'Import',
        externalId: 1231,
        odooId: 7,
        syncObjectId: 3,
        title: 'ACCIONA',
        originValues: { name: 'ACCIONA' },
        syncedAt,
        modifiedAt: null,
        durationMs: 12.6,
        errorMessage: 'x',
      },
      NOW,
      describeModel,
    );
    expect(row).toMatchObject({
      name: 'Import',
      externalId: '1231',
      odooId: 7,
      syncObjectId: 3,
      title: 'ACCIONA',
      originValues: '{"name":"ACCIONA"}',
      syncedAt,
      modifiedAt: null,
      durationMs: 13,
      errorMessage: 'x',
    });
  });

  it.each([
    ['odooId', { odooId: NaN }, 'odooId', null],
    ['odooId', { odooId: 2 ** 40 }, 'odooId', null],
    ['syncObjectId', { syncObjectId: 4.7 }, 'syncObjectId', 4],
    ['durationMs', { durationMs: -5 }, 'durationMs', 0],
    ['syncedAt', { syncedAt: new Date('nope') }, 'syncedAt', NOW],
    ['name', { name: '   ' }, 'name', 'Create Contact'],
  ] as const)('makes a bad %s fit its column', (_case, over, key, expected) => {
    expect(toChangeLogRow({ ...base, ...over } as NewChangeLogEntry, NOW, describeModel)[key]).toEqual(expected);
  });

  it('clips text to the column sizes', () => {
    const row = toChangeLogRow(
      { ...base, title: 't'.repeat(1000), externalId: 'e'.repeat(1000), model: 'm'.repeat(100), errorMessage: 'x'.repeat(50_000) },
      NOW,
      describeModel,
    );
    expect([row.title!.length, row.externalId!.length, row.model!.length, row.errorMessage!.length]).toEqual([255, 128, 64, 16_000]);
  });
});

describe('defaultName', () => {
  it.each([
    ['create', 'res.partner', 'Create Contact'],
    ['write', 'product.product', 'Modify Product'],
    ['unlink', 'res.partner', 'Delete Contact'],
    ['create', 'x.unknown', 'Create x.unknown'],
    ['write', null, 'Modify record'],
  ] as const)('%s %s → %s', (action, model, expected) => {
    expect(defaultName(action, model, describeModel)).toBe(expected);
  });
});

describe('clip', () => {
  it.each([
    [null, 5, null],
    ['short', 5, 'short'],
    ['longer text', 5, 'long…'],
    ['ab😀cd', 4, 'ab…'],
  ])('%j to %d → %j', (text, max, expected) => {
    expect(clip(text, max)).toBe(expected);
  });
});

describe('insertBatches', () => {
  const row = (bytes = 0): ChangeLogRowValues => ({
    ...toChangeLogRow(base, NOW, describeModel),
    originValues: bytes ? 'x'.repeat(bytes) : null,
  });

  it.each([
    [0, []],
    [1, [1]],
    [500, [500]],
    [1201, [500, 500, 201]],
  ])('%d small rows → batches of %j', (count, sizes) => {
    expect(insertBatches(Array.from({ length: count }, () => row())).map((batch) => batch.length)).toEqual(sizes);
  });

  it('also splits by payload size, never leaving a row out', () => {
    const rows = Array.from({ length: 10 }, () => row(100_000));
    const batches = insertBatches(rows, 500, 1_000_000);
    expect(batches.flat()).toHaveLength(10);
    expect(batches.map((batch) => batch.length)).toEqual([3, 3, 3, 1]);
    expect(insertBatches([row(5_000_000)], 500, 1_000)).toHaveLength(1);
  });
});
