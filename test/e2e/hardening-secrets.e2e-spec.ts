/**
 * Issue 16 point 3: a web service's stored secrets never follow it to a new origin.
 * Two fake external systems: the service's own host, and "elsewhere" (another port).
 */
import { FakeExternalSystem } from '../fake-external/fake-external';
import { registerSecret } from '../support/secret-capture';
import { startTestApp, TestApp } from '../support/test-app';

const API_KEY = 'ERP-SIDE-KEY-do-not-leak';
const PASSWORD = 'basic-password-do-not-leak';
// The run's secret scan looks for them in every log line and answer.
registerSecret(API_KEY, PASSWORD, 'whsec_c2lnbmluZy1zZWNyZXQtZm9yLXRlc3Rz', 'NEW-KEY-FOR-ELSEWHERE');

describe('hardening: secrets and a change of origin', () => {
  let t: TestApp;
  let home: FakeExternalSystem;
  let elsewhere: FakeExternalSystem;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp();
    home = new FakeExternalSystem();
    elsewhere = new FakeExternalSystem();
    await home.start();
    await elsewhere.start();
  });
  afterEach(() => {
    home.reset();
    elsewhere.reset();
  });
  afterAll(async () => {
    await home.stop();
    await elsewhere.stop();
    await t.close();
  });

  const apiKeyService = async (extra: object = {}) =>
    (
      await t
        .api()
        .post('/api/web-services')
        .send({
          name: `moving-${++seq}`,
          url: home.urlFor('CON'),
          shippingUrl: home.urlFor('CON'),
          needsAuthentication: true,
          authMode: 'api_key',
          apiKey: API_KEY,
          signingSecret: 'whsec_c2lnbmluZy1zZWNyZXQtZm9yLXRlc3Rz',
          ...extra,
        })
        .expect(201)
    ).body;
  const leaked = () => JSON.stringify(elsewhere.received().map((r) => r.headers)).includes(API_KEY);

  it.each(['patch', 'put'] as const)('%s to another host clears the secrets not sent again, and says so', async (method) => {
    const ws = await apiKeyService();
    const admin = t.api();
    const res = await admin[method](`/api/web-services/${ws.id}`)
      .send({ url: elsewhere.urlFor('CON') })
      .expect(200);
    expect(res.body).toMatchObject({ hasApiKey: false, hasSigningSecret: false, clearedSecrets: ['apiKey', 'signingSecret'] });
    expect(res.body.warnings[0]).toContain(new URL(elsewhere.urlFor('CON')).origin);
    // Without its credentials the service makes no authenticated call at all until they are given again.
    const report = (await t.api().post(`/api/web-services/${ws.id}/test`).expect(200)).body;
    expect(report).toMatchObject({ reachable: false, errorKind: 'config' });
    expect(elsewhere.received()).toEqual([]);
    await t.api().patch(`/api/web-services/${ws.id}`).send({ apiKey: 'NEW-KEY-FOR-ELSEWHERE' }).expect(200);
    await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    expect(elsewhere.received()[0].headers.api_key).toBe('NEW-KEY-FOR-ELSEWHERE');
    expect(leaked()).toBe(false);
  });

  it('a move of the shipping URL alone is a change of origin too', async () => {
    const ws = await apiKeyService();
    const res = await t
      .api()
      .patch(`/api/web-services/${ws.id}`)
      .send({ shippingUrl: elsewhere.urlFor('CON') })
      .expect(200);
    expect(res.body.clearedSecrets).toEqual(['apiKey', 'signingSecret']);
  });

  it('a port or scheme change is a change of origin; a path change is not', async () => {
    const ws = await apiKeyService();
    const samePath = await t
      .api()
      .patch(`/api/web-services/${ws.id}`)
      .send({ url: home.urlFor('OTHER') })
      .expect(200);
    expect(samePath.body).toMatchObject({ hasApiKey: true, hasSigningSecret: true });
    expect(samePath.body.clearedSecrets).toBeUndefined();
    const https = await t
      .api()
      .patch(`/api/web-services/${ws.id}`)
      .send({ url: home.urlFor('CON').replace('http:', 'https:') })
      .expect(200);
    expect(https.body.clearedSecrets).toEqual(['apiKey', 'signingSecret']);
  });

  it('secrets sent in the same request go with the new URL', async () => {
    const ws = await apiKeyService();
    const res = await t
      .api()
      .patch(`/api/web-services/${ws.id}`)
      .send({ url: elsewhere.urlFor('CON'), shippingUrl: elsewhere.urlFor('CON'), apiKey: 'NEW-KEY-FOR-ELSEWHERE' })
      .expect(200);
    expect(res.body).toMatchObject({ hasApiKey: true, hasSigningSecret: false, clearedSecrets: ['signingSecret'] });
    await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    expect(elsewhere.received()[0].headers.api_key).toBe('NEW-KEY-FOR-ELSEWHERE');
    expect(leaked()).toBe(false);
  });

  it('Basic credentials do not follow either', async () => {
    const ws = await apiKeyService({ authMode: 'user_password', username: 'odoo', password: PASSWORD, apiKey: undefined });
    const res = await t
      .api()
      .patch(`/api/web-services/${ws.id}`)
      .send({ url: elsewhere.urlFor('CON') })
      .expect(200);
    expect(res.body).toMatchObject({ hasPassword: false, clearedSecrets: ['password', 'signingSecret'] });
    await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    const authorization = elsewhere.received()[0]?.headers.authorization ?? '';
    expect(Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString()).not.toContain(PASSWORD);
  });

  it('a config import with the same name and a new URL clears the secrets and warns', async () => {
    const ws = await apiKeyService();
    const document = (await t.api().get('/api/config/export').expect(200)).body;
    const item = document.webServices.find((w: { name: string }) => w.name === ws.name);
    item.url = elsewhere.urlFor('CON');
    item.shippingUrl = elsewhere.urlFor('CON');
    const report = (await t.api().post('/api/config/import').send(document).expect(200)).body;
    expect(report.warnings.join('\n')).toContain(`web service "${ws.name}" now sends to`);
    const after = (await t.api().get(`/api/web-services/${ws.id}`).expect(200)).body;
    expect(after).toMatchObject({ hasApiKey: false, hasSigningSecret: false });
    await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    expect(leaked()).toBe(false);
  });

  it('an import that keeps the URL keeps the secrets', async () => {
    const ws = await apiKeyService();
    const document = (await t.api().get('/api/config/export').expect(200)).body;
    await t.api().post('/api/config/import').send(document).expect(200);
    expect((await t.api().get(`/api/web-services/${ws.id}`).expect(200)).body).toMatchObject({ hasApiKey: true, hasSigningSecret: true });
  });
});
