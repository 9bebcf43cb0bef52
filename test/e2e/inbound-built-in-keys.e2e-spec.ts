/**
 * Values that own built-in property names (`toString`, `valueOf`, `constructor`, `__proto__`)
 * in every field of an inbound call: a clear failure naming the field, never a 5xx, and the failure
 * logged. Found by the hostile-input reliability suite (test/reliability).
 */
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const KEY = 'BUILT-IN-KEYS-KEY-0123456789abcdef';
const HOSTILE = [
  '{"toString": {"polluted": true}}',
  '{"valueOf": 1, "toString": 2}',
  '[{"toString": 1}]',
  '{"constructor": {"prototype": 1}}',
];
const FIELDS = ['name', 'unique_id', 'country', 'company', 'email', 'is_customer', 'tags'];

describe('inbound values owning built-in property names', () => {
  let t: TestApp;
  let code: string;
  let syncObjectId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const f = new Factory(t);
    await f.apiKey(KEY);
    await f.country('Spain', 'ES');
    const model = await f.syncModel();
    code = model.code;
    syncObjectId = (await f.contactObject({ syncModelId: model.id })).id;
  });
  afterAll(() => t.close());

  const cases = FIELDS.flatMap((field) => HOSTILE.map((value) => [field, value] as const));

  it.each(cases)('%s = %s fails naming the field (4xx, seed envelope), logged as failed', async (field, value) => {
    const base: Record<string, string> = { name: '"Name"', unique_id: `"${field}-${cases.length}"`, country: '"ES"' };
    base[field] = value;
    const body = `{${Object.entries(base)
      .map(([k, v]) => `"${k}": ${v}`)
      .join(', ')}}`;
    const before = (await t.api().get('/api/change-log').query({ syncObjectId, status: 'failed' }).expect(200)).body.total;
    const res = await t.http().post(`/sync/${code}/create`).set('api_key', KEY).set('Content-Type', 'application/json').send(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.result).toEqual(expect.objectContaining({ status: 'failed', error_message: expect.stringContaining(field) }));
    expect((await t.api().get('/api/change-log').query({ syncObjectId, status: 'failed' }).expect(200)).body.total).toBe(before + 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
