/**
 * Issue 16 point 1: one records-API read cannot freeze the process. The worst-case allowed read
 * (a 256-character ilike pattern over records with large comments) runs off the event loop
 * (SQLite: a worker thread; MySQL/MariaDB: the server), `/health` answers meanwhile, and the read
 * is stopped at RECORDS_QUERY_TIMEOUT_MS with a clean 503 RECORDS.QUERY_TIMEOUT.
 *
 * The one timing assertion of the suite (/health within 200 ms) is the issue's own requirement.
 */
import { isMysqlRun } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

const mysql = isMysqlRun();
// MySQL/MariaDB's TEXT holds 64 KB; SQLite takes the 400 KB comments.
const COMMENT_CHARS = mysql ? 60_000 : 400_000;
const RECORDS = mysql ? 200 : 30;
/** At most 256 characters (DOMAIN_LIMITS.maxPatternLength): each row costs comment × pattern to refute. */
const WORST = `[('comment', 'ilike', '${'a'.repeat(255)}b')]`;

describe('records API: what one read may cost', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RECORDS_QUERY_TIMEOUT_MS: '1500' });
    const comment = 'A'.repeat(COMMENT_CHARS);
    for (let i = 0; i < RECORDS; i++) {
      await t
        .api()
        .post('/api/records/res.partner')
        .send({ name: `Heavy ${i}`, comment })
        .expect(201);
    }
    // Generous setup: the readers are started (and on SQLite the worker threads warm) before the measured read.
    await Promise.all([1, 2].map(() => t.api().get('/api/records/res.partner').query({ limit: 1 }).expect(200)));
  }, 180_000);
  afterAll(() => t.close());

  it('answers /health within 200 ms while the worst-case allowed read runs, then stops that read with 503', async () => {
    let settled = false;
    const heavy = t
      .api()
      .get('/api/records/res.partner')
      .query({ domain: WORST })
      .then((res) => {
        settled = true;
        return res;
      });
    const probes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      await t.http().get('/health').expect(200);
      probes.push(Date.now() - started);
    }
    expect(settled).toBe(false); // the probes ran while the read did
    expect(Math.max(...probes)).toBeLessThan(200);
    const res = await heavy;
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'RECORDS.QUERY_TIMEOUT' });
    expect(res.body.message).toContain('RECORDS_QUERY_TIMEOUT_MS');
    expect(JSON.stringify(res.body)).not.toMatch(/ at .*\.(ts|js):\d+/); // no stack in the answer
  }, 120_000);

  it('keeps serving ordinary reads after a stopped one (a fresh reader takes over)', async () => {
    const res = await t.api().get('/api/records/res.partner').query({ domain: "[('name', '=', 'Heavy 3')]" }).expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0].comment).toHaveLength(COMMENT_CHARS);
  });

  it('refuses a longer pattern or value before it costs anything (400 naming the term)', async () => {
    const long = await t
      .api()
      .get('/api/records/res.partner')
      .query({ domain: `[('comment', 'ilike', '${'a'.repeat(257)}')]` })
      .expect(400);
    expect(long.body).toMatchObject({ code: 'DOMAIN.INVALID', details: [{ field: 'domain' }] });
    expect(long.body.message).toMatch(/invalid term \('comment', 'ilike', 'a+\.\.\. .*at most 256 characters/);
    const value = await t
      .api()
      .post('/api/records/res.partner/search')
      .send({ domain: `[('name', '=', '${'b'.repeat(1001)}')]` })
      .expect(400);
    expect(value.body.message).toContain('at most 1000 characters');
  });
});
