/* eslint-disable @typescript-eslint/no-explicit-any --
   bench harness: drivers and src modules loaded lazily, IPC and JSON answers untyped */
/**
 * Configures Synchro through its admin API, as a user would: the seed's Contact
 * example (sync model, web service, sync object with the name / unique_id /
 * country(code) / company(x_sys_id) mapping, an API key) and a few countries.
 */
export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
export const API_KEY = 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16';
export const COUNTRIES: [string, string][] = [
  ['Spain', 'ES'],
  ['France', 'FR'],
  ['Germany', 'DE'],
  ['Italy', 'IT'],
  ['Portugal', 'PT'],
];

export const CON_FIELDS = ['name', 'unique_id', 'country', 'company'].map((name) => ({ name, code: name, type: 'char' }));
export const CON_MAPPINGS = [
  { odooField: 'name', externalField: 'name' },
  { odooField: 'x_sys_id', externalField: 'unique_id' },
  { odooField: 'country_id', externalField: 'country', referenceField: 'code' },
  { odooField: 'parent_id', externalField: 'company', referenceField: 'x_sys_id' },
];

type Json = Record<string, any>;

export class Admin {
  constructor(readonly baseUrl: string) {}

  /** timeoutMs: a hung Synchro must not hang the bench (a cron run answers when finished: give it 5 minutes). */
  async call(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<any> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : undefined;
  }

  async countries(): Promise<Record<string, number>> {
    const ids: Record<string, number> = {};
    for (const [name, code] of COUNTRIES) ids[code] = (await this.call('POST', '/api/records/res.country', { name, code })).id;
    return ids;
  }

  apiKey(key = API_KEY): Promise<Json> {
    return this.call('POST', '/api/settings/api-keys', { name: `bench-${Date.now()}`, key });
  }

  /** The one external system of a bench run: objects of two web services cannot share res.partner's x_sys_id. */
  private webServiceId: number | undefined;

  /** Sync model `code` + Contact sync object on the run's web service, set to this case's URLs; returns the object. */
  async contactObject(code: string, object: Json, webService: Json = {}): Promise<Json & { id: number }> {
    const syncModel = await this.call('POST', '/api/sync-models', { name: `Contact ${code}`, code, fields: CON_FIELDS });
    const settings = {
      url: 'http://127.0.0.1:9/CON',
      shippingUrl: 'http://127.0.0.1:9/CON',
      needsConfirmation: false,
      confirmationUrl: null,
      ...webService,
    };
    const ws =
      this.webServiceId === undefined
        ? await this.call('POST', '/api/web-services', { name: 'bench external system', ...settings })
        : await this.call('PATCH', `/api/web-services/${this.webServiceId}`, settings);
    this.webServiceId = ws.id;
    return this.call('POST', '/api/sync-objects', {
      name: `Contacto ${code}`,
      direction: 'external_to_odoo',
      mode: 'realtime',
      odooModel: 'res.partner',
      odooRefField: 'x_sys_id',
      externalRefField: 'unique_id',
      fields: CON_MAPPINGS,
      webServiceId: ws.id,
      syncModelId: syncModel.id,
      ...object,
    });
  }

  deactivate(objectId: number): Promise<Json> {
    return this.call('PATCH', `/api/sync-objects/${objectId}`, { active: false });
  }
}
