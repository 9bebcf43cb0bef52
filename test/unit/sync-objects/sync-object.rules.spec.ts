import { ModelRegistry } from '../../../src/odoo/model.registry';
import { CORE_MODELS } from '../../../src/odoo/models';
import { nextRunAfter } from '../../../src/sync-objects/schedule';
import { checkSyncObject, SyncObjectCandidate } from '../../../src/sync-objects/sync-object.rules';
import { DEFAULT_ENDPOINTS } from '../../../src/sync-objects/sync-object.types';

const registry = new ModelRegistry();
CORE_MODELS.forEach((m) => registry.register(m));

const syncModelFields = ['name', 'unique_id', 'country', 'company', 'email'].map((name) => ({ name, code: name, type: 'char' as const }));
const webService = { name: 'apitmt', shippingUrl: 'http://127.0.0.1:1/CON' };

const valid = (): SyncObjectCandidate => ({
  direction: 'bidirectional',
  odooModel: 'res.partner',
  odooRefField: 'x_sys_id',
  externalRefField: 'unique_id',
  domain: "[('customer', '=', True)]",
  fields: [
    { odooField: 'name', externalField: 'name', referenceField: null },
    { odooField: 'x_sys_id', externalField: 'unique_id', referenceField: null },
    { odooField: 'country_id', externalField: 'country', referenceField: 'code' },
    { odooField: 'parent_id', externalField: 'company', referenceField: 'x_sys_id' },
  ],
  endpoints: DEFAULT_ENDPOINTS,
});

describe('checkSyncObject', () => {
  it("accepts the seed's Contact example", () => {
    expect(checkSyncObject(valid(), { registry, syncModelFields, webService })).toEqual([]);
  });

  it.each<[string, (c: SyncObjectCandidate) => void, string]>([
    ['unregistered model', (c) => (c.odooModel = 'sale.order'), 'odooModel'],
    ['unknown ref field', (c) => (c.odooRefField = 'nope'), 'odooRefField'],
    ['boolean ref field', (c) => (c.odooRefField = 'customer'), 'odooRefField'],
    ['unknown external ref field', (c) => (c.externalRefField = 'id'), 'externalRefField'],
    [
      'unknown odoo field',
      (c) => c.fields.push({ odooField: 'nickname', externalField: 'email', referenceField: null }),
      'fields.4.odooField',
    ],
    [
      'read-only odoo field',
      (c) => c.fields.push({ odooField: 'write_date', externalField: 'email', referenceField: null }),
      'fields.4.odooField',
    ],
    [
      'unknown external field',
      (c) => c.fields.push({ odooField: 'email', externalField: 'mail', referenceField: null }),
      'fields.4.externalField',
    ],
    [
      'reference on a scalar field',
      (c) => c.fields.push({ odooField: 'email', externalField: 'email', referenceField: 'code' }),
      'fields.4.referenceField',
    ],
    ['reference missing on target', (c) => (c.fields[2].referenceField = 'iso'), 'fields.2.referenceField'],
    [
      'odoo field mapped twice',
      (c) => c.fields.push({ odooField: 'name', externalField: 'email', referenceField: null }),
      'fields.4.odooField',
    ],
    ['ref pair missing', (c) => (c.fields[1].externalField = 'email'), 'fields'],
    ['bad domain', (c) => (c.domain = "[('nope', '=', 1)]"), 'domain'],
    ['unparsable domain', (c) => (c.domain = "[('name' '=', 1)]"), 'domain'],
    ['duplicate endpoint', (c) => (c.endpoints = [...DEFAULT_ENDPOINTS, DEFAULT_ENDPOINTS[0]]), 'endpoints'],
  ])('rejects %s naming %s', (_case, mutate, field) => {
    const candidate = valid();
    mutate(candidate);
    const problems = checkSyncObject(candidate, { registry, syncModelFields, webService });
    expect(problems.map((p) => p.field)).toContain(field);
  });

  it.each<[string, SyncObjectCandidate['direction'], number, 'both' | 'odoo_to_external' | 'external_to_odoo', string | null]>([
    ['Odoo owns a field of a bidirectional object', 'bidirectional', 0, 'odoo_to_external', null],
    ['the external system owns a field of a bidirectional object', 'bidirectional', 2, 'external_to_odoo', null],
    ['both ways, said explicitly', 'bidirectional', 1, 'both', null],
    ['odoo_to_external in an object that only sends', 'odoo_to_external', 0, 'odoo_to_external', null],
    ['external_to_odoo in an object that only receives', 'external_to_odoo', 0, 'external_to_odoo', null],
    ['external_to_odoo in an object that only sends', 'odoo_to_external', 0, 'external_to_odoo', 'fields.0.direction'],
    ['odoo_to_external in an object that only receives', 'external_to_odoo', 2, 'odoo_to_external', 'fields.2.direction'],
    ['the external-id pair one way', 'bidirectional', 1, 'odoo_to_external', 'fields.1.direction'],
    ['the external-id pair the other way', 'bidirectional', 1, 'external_to_odoo', 'fields.1.direction'],
  ])('field ownership: %s', (_case, direction, index, mappingDirection, field) => {
    const candidate = { ...valid(), direction };
    candidate.fields[index] = { ...candidate.fields[index], direction: mappingDirection };
    const problems = checkSyncObject(candidate, { registry, syncModelFields, webService });
    expect(problems.map((p) => p.field)).toEqual(field ? [field] : []);
  });

  it('needs an existing sync model and web service, and a shipping URL to send', () => {
    expect(checkSyncObject(valid(), { registry, syncModelFields }).map((p) => p.field)).toContain('webServiceId');
    expect(checkSyncObject(valid(), { registry, webService }).map((p) => p.field)).toContain('syncModelId');
    const oneWayWs = { name: 'in-only', shippingUrl: null };
    expect(checkSyncObject(valid(), { registry, syncModelFields, webService: oneWayWs }).map((p) => p.field)).toEqual(['webServiceId']);
    expect(checkSyncObject({ ...valid(), direction: 'external_to_odoo' }, { registry, syncModelFields, webService: oneWayWs })).toEqual([]);
  });
});

describe('nextRunAfter', () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    ['on time', '2026-01-01T10:00:00Z', 5, 'minutes', '2026-01-01T10:00:30Z', '2026-01-01T10:05:00.000Z'],
    ['run took long: no drift', '2026-01-01T10:00:00Z', 5, 'minutes', '2026-01-01T10:04:59Z', '2026-01-01T10:05:00.000Z'],
    [
      'after downtime: next future slot, no burst',
      '2026-01-01T10:00:00Z',
      5,
      'minutes',
      '2026-01-01T12:02:00Z',
      '2026-01-01T12:05:00.000Z',
    ],
    ['exactly on a slot', '2026-01-01T10:00:00Z', 1, 'hours', '2026-01-01T11:00:00Z', '2026-01-01T12:00:00.000Z'],
    ['weeks', '2026-01-01T00:00:00Z', 1, 'weeks', '2026-01-01T00:00:01Z', '2026-01-08T00:00:00.000Z'],
  ] as const)('%s', (_case, planned, interval, unit, now, expected) => {
    expect(nextRunAfter(at(planned), { kind: 'interval', interval, unit }, at(now)).toISOString()).toBe(expected);
  });
});
