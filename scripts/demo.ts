/**
 * `npm run demo`: the seed's Contact example, end to end, in well under a minute.
 *
 * Starts Synchro (the real app, on a temporary SQLite file and a free port) and the
 * fake external system, configures sync model CON (name, unique_id, country, company),
 * a web service on the fake and two sync objects through the admin API, then shows
 * contacts flowing both ways:
 *   1. external → Odoo by a cron run (receive + confirm), with the seed's own items;
 *   2. Odoo → external through the records API: a customer is pushed at once by the
 *      real-time object, another contact is sent by the cron object's next run;
 *   3. the seed's real-time call POST /sync/CON/create, with its own payload and api_key.
 * Prints what happened and where to look; exits 0.
 */
import 'reflect-metadata';
import { FakeExternalSystem } from '../test/fake-external/fake-external';
import { eventually, json, Json, startSynchro } from './demo-support';

/** The seed's example API key for the /sync routes, and a key the fake demands from Synchro. */
const SEED_API_KEY = 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16';
const EXTERNAL_KEY = 'demo-external-system-key';

export interface DemoResult {
  cronRuns: Json[];
  odooContacts: Json[];
  externalRecords: Record<string, Json>;
  /** Every send request the external system received, in order. */
  sends: Json[];
  envelope: Json;
  changeLogTotal: number;
}

export async function runDemo(print: (line: string) => void = (line) => console.log(line)): Promise<DemoResult> {
  const fake = new FakeExternalSystem({ idField: 'unique_id', auth: { mode: 'api_key', key: EXTERNAL_KEY } });
  await fake.start();
  const synchro = await startSynchro();
  const { api } = synchro;
  const step = (title: string) => print(`\n== ${title}`);
  try {
    print(`Synchro on ${synchro.url}, fake external system on ${fake.url} (it wants header api_key)`);

    step('Configuration through the admin API');
    for (const [name, code] of [
      ['Spain', 'ES'],
      ['France', 'FR'],
    ])
      await api.post('/api/records/res.country', { name, code });
    await api.post('/api/settings/api-keys', { name: 'External system (seed example)', key: SEED_API_KEY });
    const fields = ['name', 'unique_id', 'country', 'company'].map((name) => ({ name, code: name, type: 'char' }));
    const syncModel = await api.post<{ id: number }>('/api/sync-models', { name: 'Contact', code: 'CON', fields });
    const auth = { needsAuthentication: true, authMode: 'api_key', apiKey: EXTERNAL_KEY };
    const cronUrl = fake.urlFor('CON');
    const cronWs = await api.post<{ id: number }>('/api/web-services', {
      name: 'External CRM',
      url: cronUrl,
      needsConfirmation: true,
      confirmationUrl: cronUrl,
      shippingUrl: cronUrl,
      ...auth,
    });
    const mappings = [
      { odooField: 'name', externalField: 'name' },
      { odooField: 'x_sys_id', externalField: 'unique_id' },
      { odooField: 'country_id', externalField: 'country', referenceField: 'code' },
      { odooField: 'parent_id', externalField: 'company', referenceField: 'x_sys_id' },
    ];
    const common = {
      syncModelId: syncModel.id,
      odooModel: 'res.partner',
      odooRefField: 'x_sys_id',
      externalRefField: 'unique_id',
      fields: mappings,
    };
    // Each object has its own domain (the seed's "Domain"): customers go out in real time, other contacts with the cron run.
    const cron = await api.post<{ id: number }>('/api/sync-objects', {
      ...common,
      name: 'Contacts via cron',
      direction: 'bidirectional',
      mode: 'cron',
      priority: 'odoo',
      limit: 15,
      domain: "[('customer', '=', False)]",
      webServiceId: cronWs.id,
      schedule: { interval: 5, unit: 'minutes' },
    });
    const push = await api.post<{ id: number }>('/api/sync-objects', {
      ...common,
      name: 'Customers in real time',
      direction: 'odoo_to_external',
      mode: 'realtime',
      domain: "[('customer', '=', True)]",
      webServiceId: cronWs.id,
    });
    // One external system, one id space: both objects go through one web service (objects of two web services cannot share x_sys_id).
    print(`sync model CON; web service ${cronWs.id} at ${cronUrl} (cron: receive, confirm, send; and the real-time feed)`);
    print(
      `sync object ${cron.id} "Contacts via cron": bidirectional, every 5 minutes (or now: POST /api/sync-objects/${cron.id}/run),` +
        ` domain [('customer', '=', False)]`,
    );
    print(`sync object ${push.id} "Customers in real time": Odoo → external at once, domain [('customer', '=', True)]`);

    step('1. External → Odoo: a cron run receives, applies and confirms');
    fake.seed('CON', [
      { action: 'insert', values: { unique_id: 'COMP-1', name: 'Azure Interior', country: 'ES' } },
      { action: 'insert', values: { unique_id: 1, name: 'Contact 1', country: 'ES', company: 'COMP-1' } },
      { action: 'insert', values: { unique_id: 2, name: 'Contact 2', country: 'XX' } },
    ]);
    print(`the external system offers 3 contacts; "Contact 2" names a country Synchro does not know`);
    const run1 = await api.post<Json>(`/api/sync-objects/${cron.id}/run`);
    print(`run ${run1.id}: ${run1.status}, counts ${json(run1.counts)}`);
    print(`receive request: ${json(fake.receives('CON')[0].body)}`);
    print(`confirmation sent: ${json(fake.confirmations('CON')[0].body)}`);
    print(`still offered by the external system (comes again next run): ${json(fake.pending('CON').map((i) => i.values.unique_id))}`);

    step('   ...fix the data and run again: the failed contact is applied and confirmed');
    await api.post('/api/records/res.country', { name: 'Xanadu', code: 'XX' });
    const run2 = await api.post<Json>(`/api/sync-objects/${cron.id}/run`);
    print(`run ${run2.id}: ${run2.status}, counts ${json(run2.counts)}; offered now: ${fake.pending('CON').length}`);
    const received = await api.get<{ items: (Json & { country_id: number })[] }>(
      `/api/records/res.partner?domain=${encodeURIComponent("[('x_sys_id', '!=', False)]")}`,
    );
    for (const c of received.items)
      print(`  res.partner ${c.id}: ${c.name} (x_sys_id ${c.x_sys_id}, country_id ${c.country_id}, parent_id ${c.parent_id})`);

    step('2. Odoo → external: contacts created through the records API');
    const customer = await api.post<Json>('/api/records/res.partner', {
      name: 'Customer 4',
      customer: true,
      country_id: received.items[0].country_id,
    });
    const pushed = await eventually(
      () => fake.sends('CON').find((r) => (r.body as { values: Json }).values.name === 'Customer 4'),
      'the real-time push',
    );
    print(`a customer is pushed at once by "Customers in real time": ${json(pushed.body)}`);
    const pushedCount = fake.sends('CON').length;
    const local = await api.post<Json>('/api/records/res.partner', { name: 'Contact 3' });
    print(
      `"Contact 3" (not a customer) waits in the outbox (GET /api/outbox?syncObjectId=${cron.id}&status=pending) for the cron object's run`,
    );
    const run3 = await api.post<Json>(`/api/sync-objects/${cron.id}/run`);
    print(
      `run ${run3.id}: ${run3.status}, counts ${json(run3.counts)}; the cron object sent ${json(
        fake
          .sends('CON')
          .slice(pushedCount)
          .map((r) => r.body),
      )}`,
    );
    const stored = await api.get<Json>(`/api/records/res.partner/${local.id}`);
    const storedCustomer = await eventually(async () => {
      const record = await api.get<Json>(`/api/records/res.partner/${customer.id}`);
      return record.x_sys_id ? record : undefined;
    }, 'the id of the pushed customer');
    print(
      `the external system answered with their ids (${stored.x_sys_id} for Contact 3, ${storedCustomer.x_sys_id} for Customer 4);` +
        ' Synchro stored them in x_sys_id',
    );

    step("3. The seed's real-time call: POST /sync/CON/create");
    // Exactly what the seed's requests.request("POST", url, headers=headers, data=payload) sends.
    const response = await fetch(`${synchro.url}/sync/CON/create`, {
      method: 'POST',
      headers: { api_key: SEED_API_KEY, 'Content-Type': 'application/json' },
      body: 'name=Name&unique_id=1231',
    });
    const envelope = (await response.json()) as Json;
    print(`HTTP ${response.status} ${json(envelope)}`);
    const modified = await fetch(`${synchro.url}/sync/CON/1231`, {
      method: 'PUT',
      headers: { api_key: SEED_API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Name of record modified' }),
    });
    print(`PUT /sync/CON/1231 → HTTP ${modified.status} ${json(await modified.json())}`);

    step('Where to look');
    const runs = await api.get<{ items: Json[]; total: number }>(`/api/sync-runs?syncObjectId=${cron.id}`);
    const log = await api.get<{ items: Json[]; total: number }>('/api/change-log?limit=500');
    print(`GET /api/sync-runs?syncObjectId=${cron.id} → ${runs.total} runs (status, counts, progress of each)`);
    print(
      `GET /api/change-log → ${log.total} rows; e.g. ?syncObjectId=${cron.id}&status=failed, ?externalId=2, ?direction=odoo_to_external`,
    );
    for (const row of [...log.items].reverse()) {
      print(
        `  ${String(row.direction).padEnd(16)} ${String(row.name).padEnd(24)} ext ${String(row.externalId ?? '-').padEnd(6)}` +
          ` ${row.status}` +
          (row.errorMessage ? `: ${row.errorMessage}` : ''),
      );
    }
    print(`GET /api/outbox?syncObjectId=${cron.id} (what waits to be sent), GET /docs (OpenAPI)`);
    print(`fake external system: GET ${fake.url}/_inspect/CON while it runs (npm run fake-external starts one on its own)`);

    const contacts = await api.get<{ items: Json[] }>('/api/records/res.partner?limit=100');
    return {
      cronRuns: runs.items,
      odooContacts: contacts.items,
      externalRecords: Object.fromEntries(fake.records('CON')),
      sends: fake.sends('CON').map((r) => r.body as Json),
      envelope,
      changeLogTotal: log.total,
    };
  } finally {
    await synchro.stop();
    await fake.stop();
  }
}

if (require.main === module) {
  const started = Date.now();
  runDemo().then(
    () => {
      console.log(`\ndemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(`demo failed: ${(error as Error)?.stack ?? String(error)}`);
      process.exit(1);
    },
  );
}
