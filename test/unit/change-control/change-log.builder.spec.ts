import {
  buildChangeLogEntry,
  externalNameField,
  LogFacts,
  nothingToDeleteNote,
  recordTitle,
  writtenValues,
} from '../../../src/change-control/change-log.builder';
import { NewChangeLogEntry } from '../../../src/change-control/change-log.types';

const target = {
  object: { id: 7, fields: [{ odooField: 'name', externalField: 'full_name' }] },
  model: { name: 'res.partner', description: 'Contact', recName: 'name' },
};
const unmapped = { ...target, object: { id: 8, fields: [{ odooField: 'email', externalField: 'mail' }] } };
const syncedAt = new Date('2026-01-02T00:00:00.000Z');
const modifiedAt = new Date('2026-01-01T00:00:00.000Z');

describe('buildChangeLogEntry', () => {
  const common = { model: 'res.partner', syncObjectId: 7 };
  it.each<[string, LogFacts, Partial<NewChangeLogEntry>]>([
    [
      'an inbound create, titled by the record, dated by its write_date',
      {
        direction: 'external_to_odoo',
        action: 'create',
        trigger: 'realtime',
        externalId: 'C-1',
        odooId: 12,
        record: { id: 12, name: 'Ada', write_date: '2026-01-01T10:00:00.000Z' },
        originValues: { full_name: 'Ada' },
        destinationValues: { name: 'Ada' },
        modifiedAt,
        syncedAt,
        durationMs: 3,
      },
      {
        ...common,
        direction: 'external_to_odoo',
        action: 'create',
        status: 'success',
        trigger: 'realtime',
        externalId: 'C-1',
        odooId: 12,
        name: 'Create Contact',
        title: 'Ada',
        originValues: { full_name: 'Ada' },
        destinationValues: { name: 'Ada' },
        errorMessage: null,
        modifiedAt: new Date('2026-01-01T10:00:00.000Z'),
        syncedAt,
        durationMs: 3,
      },
    ],
    [
      'an inbound delete of nothing: titled by the external id, dated by the fallback',
      {
        direction: 'external_to_odoo',
        action: 'unlink',
        trigger: 'cron',
        externalId: 'C-2',
        originValues: {},
        destinationValues: {},
        modifiedAt,
      },
      { ...common, action: 'unlink', status: 'success', name: 'Delete Contact', title: 'C-2', odooId: null, modifiedAt },
    ],
    [
      'an inbound failure: titled by the payload name, failed with its message',
      {
        direction: 'external_to_odoo',
        action: 'write',
        trigger: 'manual',
        externalId: 'C-3',
        externalValues: { full_name: 'Grace' },
        originValues: { full_name: 'Grace' },
        destinationValues: {},
        errorMessage: 'country: no res.country with code XX',
      },
      { ...common, status: 'failed', name: 'Modify Contact', title: 'Grace', errorMessage: 'country: no res.country with code XX' },
    ],
    [
      'a confirmation: prefixed name, explicit title',
      {
        direction: 'external_to_odoo',
        action: 'create',
        trigger: 'cron',
        externalId: 44,
        odooId: 5,
        title: 'Linus',
        namePrefix: 'Confirm',
        originValues: { status: 'success', error_message: false },
        destinationValues: { external_id: 44 },
        errorMessage: null,
        syncedAt,
      },
      { ...common, status: 'success', name: 'Confirm Create Contact', title: 'Linus', externalId: 44, odooId: 5, syncedAt },
    ],
    [
      'an outbound delete: titled by the snapshot name, dated by the row',
      {
        direction: 'odoo_to_external',
        action: 'unlink',
        trigger: 'realtime',
        externalId: 'X-9',
        odooId: 3,
        externalValues: { full_name: 'Gone' },
        originValues: { full_name: 'Gone' },
        destinationValues: { action: 'delete' },
        errorMessage: 'attempt 1: HTTP 503',
        modifiedAt,
      },
      { ...common, direction: 'odoo_to_external', status: 'failed', name: 'Delete Contact', title: 'Gone', modifiedAt },
    ],
  ])('%s', (_case, facts, expected) => {
    const entry = buildChangeLogEntry(target, facts);
    expect(entry).toMatchObject(expected);
    if (!facts.modifiedAt && !facts.record) expect(entry).not.toHaveProperty('modifiedAt');
    if (!facts.syncedAt) expect(entry).not.toHaveProperty('syncedAt');
  });
});

describe('recordTitle', () => {
  it.each<[string, Parameters<typeof recordTitle>[1], string, typeof target]>([
    ['the record name', { record: { name: 'Ada' }, externalValues: { full_name: 'Other' }, externalId: 'E' }, 'Ada', target],
    ['a record without a name is untitled', { record: { name: null }, externalId: 'E' }, '', target],
    ['the mapped external name', { externalValues: { full_name: 'Grace' }, externalId: 'E' }, 'Grace', target],
    ['a numeric external name', { externalValues: { full_name: 42 }, externalId: 'E' }, '42', target],
    ['an empty name falls back to the external id', { externalValues: { full_name: '' }, externalId: 'E-1' }, 'E-1', target],
    ["Odoo's false falls back to the external id", { externalValues: { full_name: false }, externalId: 9 }, '9', target],
    ['no name and no external id', { externalValues: {}, externalId: null }, '', target],
    ['unmapped name: the `name` key', { externalValues: { name: 'Plain' }, externalId: 'E' }, 'Plain', unmapped],
  ])('%s', (_case, of, expected, on) => {
    expect(recordTitle(on, of)).toBe(expected);
  });

  it('finds the external field mapped to the rec_name', () => {
    expect(externalNameField(target)).toBe('full_name');
    expect(externalNameField(unmapped)).toBe('name');
  });
});

describe('notes and values', () => {
  it('says there was nothing to delete', () => {
    expect(nothingToDeleteNote('res.partner', 'x_sys_id', 'C-9')).toBe('no res.partner with x_sys_id C-9; nothing to delete');
  });

  it('shows written dates as ISO text', () => {
    expect(writtenValues({ name: 'A', when: new Date('2026-01-01T00:00:00.000Z'), n: 1 })).toEqual({
      name: 'A',
      when: '2026-01-01T00:00:00.000Z',
      n: 1,
    });
  });
});
