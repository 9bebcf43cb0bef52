/**
 * The OpenAPI description is complete and true: it validates, every operation documents its
 * body, answers and errors, the committed docs/openapi.json is what the code describes, and
 * real answers from the running application (a few calls per resource, errors included) match
 * their documented schemas.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type request from 'supertest';
import { FlappingRepository } from '../../src/flapping/flapping.repository';
import { checkAnswer, OpenApiDocument } from '../support/openapi-conformance';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { CON_FIELDS, CON_MAPPINGS } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const COMMITTED = path.join(__dirname, '../../docs/openapi.json');
const CONSOLE_TYPES = path.join(__dirname, '../../console/src/api/schema.d.ts');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Writes that take no body (actions on a resource named by the path). */
const BODILESS = new Set([
  'post /api/web-services/{id}/test',
  'post /api/change-log/purge',
  'post /api/outbox/{id}/retry',
  'post /api/sync-objects/{id}/resync',
  'post /api/sync-runs/{id}/release',
  'delete /sync/{code}/{externalId}',
]);

let t: TestApp;
let doc: OpenApiDocument;
/** A receiver that refuses every delivery with a 400, so outbox rows go dead at once. */
let refusing: http.Server;
let refusingUrl: string;
const problems: string[] = [];
const exercised = new Set<string>();

beforeAll(async () => {
  refusing = http.createServer((_req, res) => res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"status": "failed"}'));
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/CON`;
  t = await startTestApp({ OUTBOX_BACKOFF_SCALE: '0.001' });
  doc = (await t.http().get('/docs/json')).body;
});

afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => refusing?.close(resolve));
});

function operations(): { key: string; operation: OpenApiDocument['paths'][string][string] }[] {
  return Object.entries(doc.paths).flatMap(([template, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ key: `${method} ${template}`, operation: item[method] })),
  );
}

/** Sends the request, checks the answer against the document and remembers which operation answered what. */
async function call(test: request.Test): Promise<request.Response> {
  const res = await test;
  const req = (res as unknown as { req: { method: string; path: string } }).req;
  const answer = { status: res.status, body: res.body, headers: res.headers as Record<string, string>, text: res.text };
  const found = checkAnswer(doc, req.method, req.path, answer);
  problems.push(...found);
  exercised.add(`${req.method.toLowerCase()} ${req.path.split('?')[0]} ${res.status}`);
  return res;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3 document', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('is the committed docs/openapi.json (else run `npm run openapi`)', () => {
    expect(JSON.parse(fs.readFileSync(COMMITTED, 'utf8'))).toEqual(doc);
  });

  it("generates the console's typed client: console/src/api/schema.d.ts is current (else `npm run console:types`)", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'synchro-types-')), 'schema.d.ts');
    const cli = path.join(__dirname, '../../node_modules/.bin/openapi-typescript');
    await promisify(execFile)(cli, [COMMITTED, '-o', out]);
    const generated = fs.readFileSync(out, 'utf8');
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    expect(fs.readFileSync(CONSOLE_TYPES, 'utf8')).toBe(generated);
  });

  it('gives every property a type (a typeless one reaches the typed client as `Record<string, never>`)', () => {
    const gaps: string[] = [];
    const walk = (schema: Record<string, unknown> | undefined, where: string): void => {
      if (!schema || typeof schema !== 'object') return;
      const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [name, property] of Object.entries(properties)) {
        const shaped = property.$ref || property.oneOf || property.anyOf || property.allOf || property.enum;
        const typeless = !property.type || (property.type === 'object' && !property.properties && !property.additionalProperties);
        if (!shaped && typeless) gaps.push(`${where}.${name}`);
        walk(property, `${where}.${name}`);
        walk(property.items as Record<string, unknown> | undefined, `${where}.${name}[]`);
      }
    };
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) walk(schema as Record<string, unknown>, name);
    expect(gaps).toEqual([]);
  });

  it('describes a schedule as exactly one of {interval, unit} and {cron, timezone}, in bodies and answers', () => {
    const schemas = doc.components!.schemas!;
    const refs = (schema: Record<string, unknown>) => (schema.oneOf as { $ref: string }[]).map((option) => option.$ref.split('/').pop());
    for (const body of ['CreateSyncObjectDto', 'UpdateSyncObjectDto']) {
      expect(refs((schemas[body].properties as Record<string, Record<string, unknown>>).schedule)).toEqual([
        'IntervalScheduleDto',
        'CronScheduleDto',
      ]);
    }
    expect(schemas.IntervalScheduleDto.required).toEqual(['interval', 'unit']);
    expect(schemas.CronScheduleDto.required).toEqual(['cron']);
    const answer = (schemas.SyncObjectResponse.properties as Record<string, Record<string, unknown>>).schedule;
    expect(refs(answer)).toEqual(['IntervalScheduleView', 'CronScheduleView']);
    expect(schemas.CronScheduleView.required).toEqual(['cron', 'timezone']);
  });

  it('documents, for every operation, a summary, its body, its answers with schemas and its errors', () => {
    const gaps: string[] = [];
    for (const { key, operation } of operations()) {
      const sync = key.includes(' /sync/');
      if (!operation.summary) gaps.push(`${key}: no summary`);
      const takesBody = /^(post|put|patch) /.test(key) && !BODILESS.has(key);
      if (takesBody && !operation.requestBody?.content?.['application/json']?.schema) gaps.push(`${key}: no request body schema`);
      const statuses = Object.keys(operation.responses);
      const successes = statuses.filter((status) => status.startsWith('2'));
      if (successes.length !== 1) gaps.push(`${key}: ${successes.length} success answers documented`);
      for (const status of successes) {
        if (status !== '204' && !Object.values(operation.responses[status].content ?? {}).some((media) => media.schema)) {
          gaps.push(`${key}: ${status} without a schema`);
        }
      }
      const errors = statuses.filter((status) => /^[45]/.test(status));
      if (!errors.length) gaps.push(`${key}: no error answer documented`);
      if (key.startsWith('get /api') || key.includes(' /api/')) {
        if (!errors.includes('401')) gaps.push(`${key}: 401 not documented`);
      }
      if (key.includes('{') && !errors.includes('404')) gaps.push(`${key}: 404 not documented`);
      const errorShape = sync ? 'SyncEnvelopeView' : 'ErrorBodyView';
      for (const status of errors) {
        const ref = operation.responses[status].content?.['application/json']?.schema?.$ref;
        if (ref !== `#/components/schemas/${errorShape}`) gaps.push(`${key}: ${status} is not documented as ${errorShape}`);
      }
    }
    expect(gaps).toEqual([]);
  });
});

describe('real answers match their documented schemas', () => {
  it('for every operation, successes and errors alike', async () => {
    const api = () => t.api();
    // health, settings
    await call(t.http().get('/health'));
    await call(t.http().get('/health/live'));
    // Ready once the dispatcher and the scheduler have ticked (their first ticks come at start-up).
    for (let tries = 0; (await call(t.http().get('/health/ready'))).status !== 200 && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await call(api().get('/metrics'));
    await call(t.http().get('/metrics'));
    await call(api().get('/api/settings'));
    await call(api().put('/api/settings').send({ logRetentionDays: 30 }));
    await call(api().put('/api/settings').send({ logRetentionDays: 'soon' }));
    await call(t.http().get('/api/settings'));
    // audit trail (the writes above and below are recorded)
    await call(api().get('/api/audit'));
    await call(api().get('/api/audit').query({ action: 'explode' }));
    // API keys
    const key = (await call(api().post('/api/settings/api-keys').send({ name: 'ERP' }))).body;
    await call(api().post('/api/settings/api-keys').send({ name: '' }));
    await call(api().get('/api/settings/api-keys'));
    await call(api().get(`/api/settings/api-keys/${key.id}`));
    await call(api().get('/api/settings/api-keys/999'));
    await call(api().get('/api/settings/api-keys/abc'));
    // web services
    const ws = (await call(api().post('/api/web-services').send({ name: 'refusing', url: refusingUrl, shippingUrl: refusingUrl }))).body;
    await call(api().post('/api/web-services').send({ name: 'refusing', url: refusingUrl }));
    const spare = (await call(api().post('/api/web-services').send({ name: 'spare', url: 'http://127.0.0.1:9/x', apiKey: 'k-123' }))).body;
    await call(api().get('/api/web-services'));
    await call(api().get(`/api/web-services/${ws.id}`));
    await call(api().get('/api/web-services/999'));
    await call(api().patch(`/api/web-services/${spare.id}`).send({ timeoutMs: 2000 }));
    await call(api().put(`/api/web-services/${spare.id}`).send({ active: true }));
    await call(api().patch(`/api/web-services/${spare.id}`).send({ timeoutMs: 'fast' }));
    await call(api().post(`/api/web-services/${spare.id}/test`));
    await call(api().post(`/api/web-services/${ws.id}/test`));
    await call(api().get(`/api/web-services/${spare.id}/calls`));
    await call(api().get(`/api/web-services/${spare.id}/calls`).query({ limit: 0 }));
    // models and records
    await call(api().get('/api/models'));
    const spain = (await call(api().post('/api/records/res.country').send({ name: 'Spain', code: 'ES' }))).body;
    await call(api().post('/api/records/res.country').send({ name: 'Spain again', code: 'ES' }));
    await call(api().post('/api/records/res.partner').send({ name: 'Nobody', country_id: 99999 }));
    await call(api().post('/api/records/res.partner').send({ name: 'Nobody', shoe_size: 44 }));
    await call(api().get('/api/records/res.nothing'));
    await call(api().put(`/api/records/res.country/${spain.id}`).send({ name: 'España' }));
    await call(api().get(`/api/records/res.country/${spain.id}`));
    await call(api().get('/api/records/res.country').query({ domain: "[('code', '=', 'ES')]" }));
    await call(api().get('/api/records/res.country').query({ domain: "[('colour', '=', 'red')]" }));
    await call(api().post('/api/records/res.country/search').send({ domain: "[('code', '=', 'ES')]", limit: 5 }));
    await call(api().post('/api/records/res.country/search').send({ domain: "[('colour', '=', 'red')]" }));
    // sync models
    const con = (await call(api().post('/api/sync-models').send({ name: 'Contact', code: 'CON', fields: CON_FIELDS }))).body;
    await call(api().post('/api/sync-models').send({ name: 'Contact', code: 'CON', fields: CON_FIELDS }));
    const other = (await call(api().post('/api/sync-models').send({ name: 'Other', code: 'OTH', fields: CON_FIELDS }))).body;
    await call(api().get('/api/sync-models'));
    await call(api().get(`/api/sync-models/${con.id}`));
    await call(api().put(`/api/sync-models/${other.id}`).send({ name: 'Other model' }));
    await call(api().patch(`/api/sync-models/${other.id}`).send({ code: 'OTHER' }));
    await call(
      api()
        .patch(`/api/sync-models/${other.id}`)
        .send({ fields: [{ name: 'x', code: 'x', type: 'colour' }] }),
    );
    // sync objects: a real-time inbound/outbound one and a cron one, both delivering to the refusing receiver
    const object = {
      direction: 'bidirectional',
      mode: 'realtime',
      odooModel: 'res.partner',
      odooRefField: 'x_sys_id',
      externalRefField: 'unique_id',
      fields: CON_MAPPINGS,
      webServiceId: ws.id,
      syncModelId: con.id,
    };
    const realtime = (
      await call(
        api()
          .post('/api/sync-objects')
          .send({ name: 'Contacto - ENT', ...object }),
      )
    ).body;
    await call(
      api()
        .post('/api/sync-objects')
        .send({ name: 'Broken', ...object, odooModel: 'res.nothing' }),
    );
    const cron = (
      await call(
        api()
          .post('/api/sync-objects')
          .send({ name: 'Contacto - cron', ...object, direction: 'odoo_to_external', mode: 'cron' }),
      )
    ).body;
    await call(api().get('/api/sync-objects'));
    await call(api().get(`/api/sync-objects/${realtime.id}`));
    await call(
      api()
        .patch(`/api/sync-objects/${realtime.id}`)
        .send({ endpoints: [{ action: 'unlink', active: true }] }),
    );
    await call(
      api()
        .put(`/api/sync-objects/${cron.id}`)
        .send({ schedule: { interval: 1, unit: 'hours' } }),
    );
    const cronSchedule = { cron: '0 2 * * 1-5', timezone: 'Europe/Madrid' };
    expect((await call(api().patch(`/api/sync-objects/${cron.id}`).send({ schedule: cronSchedule }))).body.schedule).toEqual(cronSchedule);
    await call(
      api()
        .patch(`/api/sync-objects/${cron.id}`)
        .send({ schedule: { ...cronSchedule, interval: 5 } }),
    );
    await call(api().patch(`/api/sync-objects/${cron.id}`).send({ limit: 0 }));
    await call(api().delete(`/api/sync-models/${con.id}`));
    await call(api().delete(`/api/web-services/${ws.id}`));
    // the real-time routes, in the seed's envelope
    const sync = () => ({
      post: (p: string) => t.http().post(p).set('api_key', key.key),
      put: (p: string) => t.http().put(p).set('api_key', key.key),
    });
    await call(sync().post('/sync/CON/create').send({ name: 'Name', unique_id: 1231, country: 'ES' }));
    await call(sync().put('/sync/CON/1231').send({ name: 'Name of record modified' }));
    await call(sync().post('/sync/CON/create').send({ name: 'Nowhere', unique_id: 77, country: 'XX' }));
    await call(sync().post('/sync/NOPE/create').send({ name: 'x' }));
    await call(t.http().post('/sync/CON/create').send({ name: 'x' }));
    await call(t.http().delete('/sync/CON/1354').set('api_key', key.key));
    // schema drift and flapping records of the real-time object (a flagged record made directly: flapping takes a live partner)
    await call(api().get(`/api/sync-objects/${realtime.id}/drift`));
    await call(api().get(`/api/sync-objects/${realtime.id}/drift`).query({ kind: 'sideways' }));
    await call(api().get('/api/sync-objects/999/drift'));
    const flips = [{ field: 'email', recent: [{ side: 'external', at: new Date().toISOString(), value: '"a@x"' }] }];
    await t.app.get(FlappingRepository).save({
      syncObjectId: realtime.id,
      recordId: 1,
      externalId: '1231',
      events: [],
      flaggedAt: new Date(),
      flips,
      heldInbound: { action: 'write', payload: { name: 'held' }, at: new Date().toISOString(), count: 1 },
      updatedAt: new Date(),
    } as never);
    await call(api().get(`/api/sync-objects/${realtime.id}/flapping`));
    await call(api().post(`/api/sync-objects/${realtime.id}/flapping/x/release`).send({ pin: 'odoo' }));
    await call(api().post(`/api/sync-objects/${realtime.id}/flapping/1/release`).send({ pin: 'sideways' }));
    await call(api().post(`/api/sync-objects/${realtime.id}/flapping/1/release`).send({ pin: 'odoo' }));
    await call(api().post(`/api/sync-objects/${realtime.id}/flapping/1/release`).send({}));
    // records through the API reach the outbox; the refusing receiver kills their rows
    const partner = (await call(api().post('/api/records/res.partner').send({ name: 'Azure Interior', country_id: spain.id }))).body;
    const dead = await waitFor(async () => {
      const page = (await api().get('/api/outbox').query({ status: 'dead' })).body;
      return page.items?.[0];
    }, 'a dead outbox row');
    await call(api().get('/api/outbox').query({ status: 'dead' }));
    await call(api().get('/api/outbox').query({ status: 'lost' }));
    await call(api().get(`/api/outbox/${dead.id}`));
    await call(api().get('/api/outbox/999999'));
    await call(api().get('/api/outbox').query({ model: 'res.partner', recordId: partner.id }));
    await call(api().get('/api/outbox/sync-state').query({ recordId: partner.id }));
    await call(api().get('/api/outbox/sync-state').query({ recordId: 'x' }));
    await call(api().post(`/api/outbox/${dead.id}/retry`));
    await call(api().post('/api/outbox/retry').send({ syncObjectId: realtime.id }));
    await call(api().post('/api/outbox/retry').send({ syncObjectId: 'all' }));
    // runs
    await call(api().post(`/api/sync-objects/${cron.id}/resync`));
    const run = (await call(api().post(`/api/sync-objects/${cron.id}/run`))).body;
    await call(api().post('/api/sync-objects/999/run'));
    await call(api().get('/api/sync-runs').query({ syncObjectId: cron.id }));
    await call(api().get('/api/sync-runs').query({ status: 'lost' }));
    await call(api().get(`/api/sync-runs/${run.id}`));
    await call(api().get('/api/sync-runs/999'));
    // plans and guards: a dry run, a held run released (twice), a run without the guard
    await call(api().post(`/api/sync-objects/${cron.id}/dry-run`).send({}));
    await call(api().post(`/api/sync-objects/${realtime.id}/dry-run`).send({}));
    await call(api().post(`/api/sync-objects/${realtime.id}/dry-run`).query({ limit: 5 }).send({ receive: false }));
    const fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    try {
      const fakeWs = (
        await call(
          api()
            .post('/api/web-services')
            .send({ name: 'Guarded', url: fake.urlFor('GRD'), needsConfirmation: true, confirmationUrl: fake.urlFor('GRD') }),
        )
      ).body;
      await call(api().post('/api/records/res.country').send({ name: 'Atlantis', code: 'AT' }));
      const guarded = (
        await call(
          api()
            .post('/api/sync-objects')
            .send({
              name: 'Guarded countries',
              direction: 'external_to_odoo',
              mode: 'cron',
              odooModel: 'res.country',
              odooRefField: 'code',
              externalRefField: 'unique_id',
              fields: [
                { odooField: 'name', externalField: 'name' },
                { odooField: 'code', externalField: 'unique_id' },
              ],
              webServiceId: fakeWs.id,
              syncModelId: other.id,
              guard: { maxDeletes: { count: 0 } },
            }),
        )
      ).body;
      fake.seed('GRD', [
        { action: 'delete', values: { unique_id: 'AT' } },
        { action: 'insert', values: { unique_id: 'NW', name: 'Newland' } },
      ]);
      await call(api().post(`/api/sync-objects/${guarded.id}/dry-run`).send({}));
      const held = (await call(api().post(`/api/sync-objects/${guarded.id}/run`).send({}))).body;
      expect(held.status).toBe('held');
      await call(api().post(`/api/sync-runs/${held.id}/release`));
      await call(api().post(`/api/sync-runs/${held.id}/release`));
      await call(api().post('/api/sync-runs/999/release'));
      await call(api().post(`/api/sync-objects/${guarded.id}/run`).send({ bypassGuard: true }));
      await call(api().delete(`/api/sync-objects/${guarded.id}`));
    } finally {
      await fake.stop();
    }
    // alerts (the run above was evaluated)
    await call(api().get('/api/alerts'));
    await call(api().get('/api/alerts').query({ level: 'loud' }));
    // change control
    const entries = (await call(api().get('/api/change-log').query({ limit: 5 }))).body;
    await call(api().get('/api/change-log').query({ status: 'lost' }));
    await call(api().get(`/api/change-log/${entries.items[0].id}`));
    await call(api().get('/api/change-log/999999'));
    await call(api().get('/api/change-log/hourly').query({ syncObjectId: realtime.id }));
    await call(api().get('/api/change-log/hourly').query({ hours: 0 }));
    await call(api().get('/api/change-log/export.csv').query({ status: 'failed' }));
    // The failed create of 'Nowhere' (country XX): a preview, then a re-apply that fails again (an outcome).
    await call(api().post('/api/change-log/reapply').send({ syncObjectId: realtime.id, preview: true }));
    await call(api().post('/api/change-log/reapply').send({ syncObjectId: realtime.id }));
    await call(api().post('/api/change-log/reapply').send({}));
    await call(api().post('/api/change-log/purge'));
    // configuration transfer
    const exported = (await call(api().get('/api/config/export'))).body;
    await call(api().post('/api/config/import').send(exported));
    await call(
      api()
        .post('/api/config/import')
        .send({ ...exported, version: 2 }),
    );
    // deletes
    await call(api().delete(`/api/records/res.partner/${partner.id}`));
    await call(api().delete(`/api/records/res.partner/${partner.id}`));
    await call(api().delete(`/api/sync-objects/${cron.id}`));
    await call(api().delete(`/api/sync-models/${other.id}`));
    await call(api().delete(`/api/web-services/${spare.id}`));
    await call(api().delete(`/api/settings/api-keys/${key.id}`));

    expect(problems).toEqual([]);
    // Every operation answered at least once with its documented success.
    const answered = new Set([...exercised].map((entry) => entry.replace(/ \d+$/, (status) => (status.startsWith(' 2') ? ' ok' : status))));
    const missing = operations()
      .map(({ key }) => key)
      .filter((key) => {
        const pattern = new RegExp(`^${key.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')} ok$`);
        return ![...answered].some((entry) => pattern.test(entry));
      });
    expect(missing).toEqual([]);
  });
});
