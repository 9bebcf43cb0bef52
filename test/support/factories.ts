/**
 * Test data through the real admin API (so factories exercise the same rules as
 * users do). The seed's Contact example: sync model CON (name, unique_id, country,
 * company, email), mapped to res.partner with x_sys_id ↔ unique_id.
 */
import { registerSecret } from './secret-capture';
import { TestApp } from './test-app';

type Json = Record<string, unknown>;
let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Date.now() % 100000}`;

export const CON_FIELDS = ['name', 'unique_id', 'country', 'company', 'email', 'is_customer', 'tags'].map((name) => ({
  name,
  code: name,
  type: name === 'is_customer' ? 'boolean' : 'char',
}));

export const CON_MAPPINGS = [
  { odooField: 'name', externalField: 'name' },
  { odooField: 'x_sys_id', externalField: 'unique_id' },
  { odooField: 'country_id', externalField: 'country', referenceField: 'code' },
  { odooField: 'parent_id', externalField: 'company', referenceField: 'x_sys_id' },
  { odooField: 'email', externalField: 'email' },
  { odooField: 'customer', externalField: 'is_customer' },
  { odooField: 'category_id', externalField: 'tags', referenceField: 'name' },
];

/**
 * The web service a test app's objects share unless a test gives its own: objects of different web services
 * on one Odoo model cannot share an Odoo ref field (external ids of two systems are two namespaces).
 */
const sharedWebServices = new WeakMap<TestApp, Promise<Json & { id: number }>>();

export class Factory {
  constructor(private readonly t: TestApp) {}

  /**
   * Deletes every sync object: for files whose tests each point an object at their own web service (a fake
   * system's code) on res.partner/x_sys_id, which objects of two web services cannot share. Later tests then
   * see only their own objects and deliveries.
   */
  async removeObjects(): Promise<void> {
    for (const object of (await this.t.api().get('/api/sync-objects').expect(200)).body as { id: number }[]) {
      await this.t.api().delete(`/api/sync-objects/${object.id}`).expect(204);
    }
  }

  /** The test app's shared web service (created on first use, and again if a test deleted it). */
  async sharedWebService(): Promise<Json & { id: number }> {
    const known = await sharedWebServices.get(this.t);
    if (known && (await this.t.api().get(`/api/web-services/${known.id}`)).status === 200) return known;
    const created = this.webService();
    sharedWebServices.set(this.t, created);
    return created;
  }

  async webService(overrides: Json = {}): Promise<Json & { id: number }> {
    // No log line or answer may show them (the secret scan).
    registerSecret(overrides.password, overrides.apiKey, overrides.signingSecret);
    const res = await this.t
      .api()
      .post('/api/web-services')
      .send({ name: unique('ws'), url: 'http://127.0.0.1:9/CON', shippingUrl: 'http://127.0.0.1:9/CON', ...overrides });
    if (res.status !== 201) throw new Error(`web service: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async syncModel(overrides: Json = {}): Promise<Json & { id: number; code: string }> {
    const res = await this.t
      .api()
      .post('/api/sync-models')
      .send({ name: 'Contact', code: unique('CON').replace(/-/g, '_'), fields: CON_FIELDS, ...overrides });
    if (res.status !== 201) throw new Error(`sync model: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A Contact sync object on res.partner/x_sys_id; on the shared web service and a new sync model unless given. */
  async contactObject(overrides: Json = {}): Promise<Json & { id: number; syncModelCode: string }> {
    const webServiceId = overrides.webServiceId ?? (await this.sharedWebService()).id;
    const syncModelId = overrides.syncModelId ?? (await this.syncModel()).id;
    const res = await this.t
      .api()
      .post('/api/sync-objects')
      .send({
        name: unique('Contacto'),
        direction: 'external_to_odoo',
        mode: 'realtime',
        odooModel: 'res.partner',
        odooRefField: 'x_sys_id',
        externalRefField: 'unique_id',
        fields: CON_MAPPINGS,
        webServiceId,
        syncModelId,
        ...overrides,
      });
    if (res.status !== 201) throw new Error(`sync object: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async apiKey(key?: string): Promise<string> {
    registerSecret(key);
    const res = await this.t
      .api()
      .post('/api/settings/api-keys')
      .send(key ? { name: unique('key'), key } : { name: unique('key') });
    if (res.status !== 201) throw new Error(`api key: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.key;
  }

  async country(name: string, code: string): Promise<number> {
    return (await this.t.api().post('/api/records/res.country').send({ name, code }).expect(201)).body.id;
  }
}
