import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { SETTINGS_CACHE_TTL_MS, SettingsService } from '../../src/settings/settings.service';
import { registerSecret } from '../support/secret-capture';
import { startTestApp, TestApp } from '../support/test-app';

const DEFAULTS = { generateLogs: true, logRetentionDays: 90, outboxMaxAttempts: 12, alertWebhookUrl: null, pauseAfterFailedRuns: null };

describe('settings (/api/settings)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('starts with the defaults', async () => {
    const res = await t.api().get('/api/settings').expect(200);
    expect(res.body).toEqual(DEFAULTS);
  });

  it('updates only the properties sent and keeps them', async () => {
    const first = await t.api().put('/api/settings').send({ logRetentionDays: 30 }).expect(200);
    expect(first.body).toEqual({ ...DEFAULTS, logRetentionDays: 30 });
    const second = await t.api().put('/api/settings').send({ generateLogs: false, outboxMaxAttempts: 5 }).expect(200);
    expect(second.body).toEqual({ ...DEFAULTS, generateLogs: false, logRetentionDays: 30, outboxMaxAttempts: 5 });
    expect((await t.api().get('/api/settings').expect(200)).body).toEqual(second.body);
    expect(await t.app.get(SettingsService).get()).toEqual(second.body);
    // An empty update changes nothing.
    expect((await t.api().put('/api/settings').send({}).expect(200)).body).toEqual(second.body);
    await t.api().put('/api/settings').send(DEFAULTS).expect(200);
  });

  it.each([
    ['logRetentionDays', 0],
    ['logRetentionDays', 3651],
    ['logRetentionDays', 1.5],
    ['logRetentionDays', '30'],
    ['logRetentionDays', null],
    ['outboxMaxAttempts', 0],
    ['outboxMaxAttempts', 101],
    ['generateLogs', 'yes'],
    ['generateLogs', 1],
    ['generateLogs', null],
  ])('rejects %s = %j with a 400 naming the field, changing nothing', async (field, value) => {
    const res = await t
      .api()
      .put('/api/settings')
      .send({ outboxMaxAttempts: 7, [field]: value })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'REQUEST.INVALID' });
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect((await t.api().get('/api/settings')).body).toEqual(DEFAULTS);
  });

  it('accepts the bounds of the ranges', async () => {
    await t.api().put('/api/settings').send({ logRetentionDays: 1, outboxMaxAttempts: 1 }).expect(200);
    const res = await t.api().put('/api/settings').send({ logRetentionDays: 3650, outboxMaxAttempts: 100 }).expect(200);
    expect(res.body).toEqual({ ...DEFAULTS, logRetentionDays: 3650, outboxMaxAttempts: 100 });
    await t.api().put('/api/settings').send(DEFAULTS).expect(200);
  });

  it('rejects unknown properties, naming them', async () => {
    const res = await t.api().put('/api/settings').send({ generateLogs: false, apiKey: 'x' }).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'apiKey' })]);
    expect((await t.api().get('/api/settings')).body).toEqual(DEFAULTS);
  });

  it('rejects a body that is not an object', async () => {
    await t
      .api()
      .put('/api/settings')
      .send([{ generateLogs: false }])
      .expect(400);
    expect((await t.api().get('/api/settings')).body).toEqual(DEFAULTS);
  });

  it('requires the admin token', async () => {
    await t.http().get('/api/settings').expect(401);
    await t.http().put('/api/settings').send({ generateLogs: false }).expect(401);
    expect((await t.api().get('/api/settings')).body).toEqual(DEFAULTS);
  });

  describe('the alert webhook URL is a secret', () => {
    const URL = 'https://hooks.slack.com/services/T0SECRET/B0SECRET/TOKENSECRET';
    // The whole suite's scan then proves no log line or answer carries it.
    registerSecret(URL, 'T0SECRET/B0SECRET/TOKENSECRET');
    const stored = async (): Promise<string | null> =>
      ((await t.app.get(DataSource).query('SELECT alert_webhook_url AS url FROM settings')) as { url: string | null }[])[0].url;
    afterEach(() => t.api().put('/api/settings').send(DEFAULTS).expect(200));

    it('is stored encrypted, answered and audited redacted, and used in clear', async () => {
      const put = await t.api().put('/api/settings').send({ alertWebhookUrl: URL }).expect(200);
      expect(put.body.alertWebhookUrl).toBe('https://hooks.slack.com/…');
      expect((await t.api().get('/api/settings').expect(200)).body.alertWebhookUrl).toBe('https://hooks.slack.com/…');
      expect(await stored()).toMatch(/^v1:/);
      expect(await stored()).not.toMatch(/SECRET|hooks/);
      expect((await t.app.get(SettingsService).get()).alertWebhookUrl).toBe(URL);
      const audit = await t.api().get('/api/audit').query({ resourceType: 'settings', limit: 5 }).expect(200);
      expect(JSON.stringify(audit.body)).not.toMatch(/SECRET/);
      expect(JSON.stringify(audit.body)).toMatch(/hooks\.slack\.com\/…/);
    });

    it('sent back redacted (a PUT of what GET answered) keeps the stored URL; null clears it', async () => {
      await t.api().put('/api/settings').send({ alertWebhookUrl: URL }).expect(200);
      const echoed = { ...(await t.api().get('/api/settings').expect(200)).body, logRetentionDays: 31 };
      await t.api().put('/api/settings').send(echoed).expect(200);
      expect(await t.app.get(SettingsService).get()).toMatchObject({ alertWebhookUrl: URL, logRetentionDays: 31 });
      await t.api().put('/api/settings').send({ alertWebhookUrl: null }).expect(200);
      expect(await stored()).toBeNull();
    });

    it('stored in clear by an earlier version, it is sealed at the next start', async () => {
      await t.app.get(DataSource).query('UPDATE settings SET alert_webhook_url = ?', [URL]);
      const next = await createApp({ logger: false });
      await next.init();
      try {
        expect(await stored()).toMatch(/^v1:/);
        expect((await next.get(SettingsService).get()).alertWebhookUrl).toBe(URL);
      } finally {
        await next.close();
      }
    });
  });

  describe('another instance on the same database', () => {
    let other: INestApplication;
    beforeAll(async () => {
      other = await createApp({ logger: false });
      await other.init();
    });
    afterAll(() => other.close());

    it('sees a change once its cached copy is older than the cache TTL', async () => {
      const otherSettings = other.get(SettingsService);
      expect((await otherSettings.get()).logRetentionDays).toBe(90);
      await t.api().put('/api/settings').send({ logRetentionDays: 45 }).expect(200);
      const now = Date.now();
      const clock = jest.spyOn(Date, 'now');
      try {
        clock.mockReturnValue(now + 10);
        expect((await otherSettings.get()).logRetentionDays).toBe(90);
        clock.mockReturnValue(now + SETTINGS_CACHE_TTL_MS + 1_000);
        // Past the TTL the cached copy is still answered at once while a background refresh runs;
        // the refreshed value follows within a moment.
        let seen = (await otherSettings.get()).logRetentionDays;
        for (let i = 0; i < 100 && seen !== 45; i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          seen = (await otherSettings.get()).logRetentionDays;
        }
        expect(seen).toBe(45);
      } finally {
        clock.mockRestore();
        await t.api().put('/api/settings').send(DEFAULTS).expect(200);
      }
    });
  });
});
