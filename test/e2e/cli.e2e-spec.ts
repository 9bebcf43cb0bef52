import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { CaptureFile, registerSecret } from '../support/secret-capture';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

const ROOT = path.resolve(__dirname, '../..');
type Json = Record<string, unknown>;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `synchro` itself, as a separate process (ts-registered src/cli.ts, stdout a pipe: not a TTY),
 * against the test app's database, or through its admin API with --url / --token.
 */
describe('synchro command line', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  let codes = 0;
  const capture = CaptureFile.log('cli');

  const cli = (args: string[], env: Record<string, string> = {}): Promise<Result> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/cli.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: t.db.url, DATA_DIR: t.db.dataDir, SYNCHRO_CLI_POLL_MS: '10', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => {
        // Its output goes to the secret scan, but for the one line that shows a new key by design (registered instead).
        const shown = /^key: (\S+)$/m.exec(stdout)?.[1];
        registerSecret(shown);
        capture?.write(`${stdout.replace(/^key: \S+$/m, 'key: [shown once]')}\n${stderr}\n`);
        resolve({ code, stdout, stderr });
      });
    });
  const remote = (args: string[]) => cli(['--url', t.url, '--token', TEST_ADMIN_TOKEN, ...args]);
  /** One line of stderr, starting with "error: ". */
  const oneErrorLine = (r: Result) => expect(r.stderr).toMatch(/^error: [^\n]+\n$/);

  async function inbound(items: number, overrides: Json = {}) {
    const code = `CLI${++codes}`;
    const url = fake.urlFor(code);
    // Confirmed items are not offered again, so the counts are exact.
    const ws = await f.webService({ url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url });
    const object = await f.contactObject({
      direction: 'external_to_odoo',
      mode: 'cron',
      webServiceId: ws.id,
      limit: 2,
      drain: true,
      ...overrides,
    });
    for (let i = 1; i <= items; i++) fake.offer(code, 'insert', { unique_id: `${code}-${i}`, name: `${code} contact ${i}` });
    return { code, object: { ...object, name: String(object.name) } };
  }

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ SCHEDULER: 'off', OUTBOX_POLL_MS: '50' });
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  afterEach(async () => {
    fake.clearFault();
    // Objects of two web services cannot share res.partner/x_sys_id: each test starts without the last one's.
    await f.removeObjects();
  });

  it('--help on every command; bad usage exits 2 with one line', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['migrate', 'run', 'dry-run', 'resync', 'apikey', 'config', 'log', 'outbox'])
      expect(help.stdout).toContain(command);
    for (const command of [['run'], ['apikey', 'revoke'], ['outbox']]) {
      const r = await cli([...command, '--help']);
      expect({ command, code: r.code }).toEqual({ command, code: 0 });
      expect(r.stdout).toMatch(/^Usage: synchro /);
    }
    for (const bad of [['bogus'], ['log', '--limit', 'many'], ['apikey', 'revoke', 'x']]) {
      const r = await cli(bad);
      expect({ bad, code: r.code }).toEqual({ bad, code: 2 });
      oneErrorLine(r);
    }
    const noToken = await cli(['--url', t.url, 'objects']);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toBe('error: --url needs --token (or SYNCHRO_TOKEN): the admin token of that instance\n');
  }, 400_000);

  it('run <object>: one progress line per update (not a TTY), a summary table, exit 0; by id or by name', async () => {
    const { object } = await inbound(5);
    const r = await cli(['run', object.name]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const progress = lines.filter((line) => line.startsWith(`run "${object.name}": `));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    for (const line of progress) expect(line).toMatch(/^run ".+": phase \w+, received \d+, applied \d+, failed \d+, sent \d+$/);
    // Only changes are printed, and the last line is where the run ended.
    progress.slice(1).forEach((line, i) => expect(line).not.toBe(progress[i]));
    expect(progress[progress.length - 1]).toBe(`run "${object.name}": phase done, received 5, applied 5, failed 0, sent 0`);
    const header = lines.findIndex((line) => line.startsWith('run  object'));
    expect(lines[header].split(/\s+/)).toEqual([
      'run',
      'object',
      'status',
      'received',
      'applied',
      'failed',
      'confirmed',
      'sent',
      'seconds',
    ]);
    expect(lines[header + 2].split(/\s+/).slice(1, 8)).toEqual([object.name, 'success', '5', '5', '0', '5', '0']);
    const runs = (await t.api().get('/api/sync-runs').query({ syncObjectId: object.id }).expect(200)).body.items;
    expect(runs).toHaveLength(1);
    expect((await cli(['run', String(object.id)])).code).toBe(0);
  }, 400_000);

  it('run <object> whose run fails exits 1; an unknown object exits 1; both with one error line', async () => {
    const { code, object } = await inbound(1);
    fake.setFault({ type: 'http500', kind: 'receive', code });
    const failed = await cli(['run', String(object.id)]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(new RegExp(`^error: run \\d+ of "${object.name}" failed\\n$`));
    expect(failed.stdout).toMatch(/failed/);
    expect(failed.stdout).toMatch(/^error: receive: .*500/m);
    const unknown = await cli(['run', 'no such object']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'error: sync object "no such object" does not exist (give its id or its name; `synchro objects` lists them)\n',
    );
  }, 400_000);

  it('through a running instance (--url, --token): run, and a wrong token fails with one line', async () => {
    const { object } = await inbound(3);
    const r = await remote(['run', object.name]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`run "${object.name}": phase done, received 3, applied 3, failed 0, sent 0`);
    const wrong = await cli(['--url', t.url, '--token', 'not-the-token-0123456789', 'objects']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error: GET \/api\/sync-objects: HTTP 401: [^\n]+\n$/);
    const down = await cli(['--url', 'http://127.0.0.1:9', '--token', TEST_ADMIN_TOKEN, 'objects']);
    expect(down.code).toBe(1);
    oneErrorLine(down);
  }, 400_000);

  it('dry-run <object>: counts per action and each item, writing nothing; locally and through --url; --help', async () => {
    const { code, object } = await inbound(3, { limit: 10 }); // one batch holds them all: a dry run plans one batch
    await t
      .api()
      .post('/api/records/res.partner')
      .send({ name: 'Old name', x_sys_id: `${code}-2` })
      .expect(201);
    const help = await cli(['dry-run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: synchro dry-run \[options\] <object>/);
    for (const r of [await cli(['dry-run', object.name]), await remote(['dry-run', String(object.id)])]) {
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout).toContain(`dry-run "${object.name}": items 3`);
      expect(r.stdout).toContain('receive: received one batch without confirming it');
      expect(r.stdout).toMatch(/^receive\s+create\s+2$/m);
      expect(r.stdout).toMatch(/^receive\s+write\s+1$/m);
      expect(r.stdout).toMatch(/^send\s+create\s+-$/m);
      expect(r.stdout).toMatch(new RegExp(`^receive\\s+write\\s+${code}-2\\s+\\d+\\s+name: Old name → ${code} contact 2$`, 'm'));
    }
    // Nothing was applied nor confirmed.
    expect(fake.confirmations(code)).toHaveLength(0);
    expect(fake.pending(code)).toHaveLength(3);
    const counts = await cli(['dry-run', object.name, '--no-items']);
    expect(counts.stdout).not.toContain(`${code}-1`);
    // Without confirmation the external system would drop the items: refused, one line, exit 1.
    const url = fake.urlFor(`${code}-NC`);
    await f.removeObjects();
    const ws = await f.webService({ url, shippingUrl: url });
    const unsafe = await f.contactObject({ direction: 'external_to_odoo', mode: 'cron', webServiceId: ws.id });
    const refused = await cli(['dry-run', String(unsafe.id)]);
    expect(refused.code).toBe(1);
    oneErrorLine(refused);
    expect(refused.stderr).toContain('does not need confirmation');
    expect((await cli(['dry-run', String(unsafe.id), '--no-receive'])).code).toBe(0);
  }, 400_000);

  it('resync <object> queues every record and follows the deliveries to the end', async () => {
    const code = `CLI${++codes}`;
    const ws = await f.webService({ url: fake.urlFor(code), shippingUrl: fake.urlFor(code) });
    for (const name of ['Resync A', 'Resync B', 'Resync C']) await t.api().post('/api/records/res.partner').send({ name }).expect(201);
    const object = await f.contactObject({
      direction: 'odoo_to_external',
      mode: 'realtime',
      webServiceId: ws.id,
      domain: "[('name', 'like', 'Resync')]",
    });
    const r = await cli(['resync', object.name as string]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`queued 3 record(s) of "${object.name}" for sending`);
    const progress = r.stdout.split('\n').filter((line) => line.startsWith('resync "'));
    expect(progress[progress.length - 1]).toBe(`resync "${object.name}": queued 3, sent 3, failed 0, pending 0`);
    expect(fake.sends(code).filter((s) => !s.rejected && !s.fault)).toHaveLength(3);
    // A cron object's queue is sent by a run, started by the command.
    const cron = await f.contactObject({
      direction: 'odoo_to_external',
      mode: 'cron',
      webServiceId: ws.id,
      domain: "[('name', 'like', 'Resync')]",
    });
    const viaRun = await remote(['resync', String(cron.id)]);
    expect(viaRun.code).toBe(0);
    expect(viaRun.stdout).toContain(`run "${cron.name}": phase done, received 0, applied 0, failed 0, sent 3`);
  }, 400_000);

  it('apikey create | import | list | revoke', async () => {
    const created = await cli(['apikey', 'create', 'CLI generated', '--codes', 'CON,ABC']);
    expect(created.code).toBe(0);
    const key = /^key: (\S+)$/m.exec(created.stdout)![1];
    expect(key).toMatch(/^[A-Z0-9]{32}$/);
    await t
      .http()
      .post('/sync/CON')
      .set('api_key', key)
      .send({})
      .then((res) => expect(res.status).not.toBe(401));
    registerSecret('IMPORTED-KEY-1234');
    const imported = await remote(['apikey', 'import', 'CLI imported', 'IMPORTED-KEY-1234']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).not.toContain('IMPORTED-KEY-1234');
    const list = await cli(['apikey', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/CLI generated\s+\S{4}\s+CON,ABC/);
    expect(list.stdout).toMatch(/CLI imported\s+1234\s+\(every code\)/);
    expect(list.stdout).not.toContain(key);
    const id = (await t.api().get('/api/settings/api-keys').expect(200)).body.find((k: Json) => k.name === 'CLI imported').id;
    const revoked = await cli(['apikey', 'revoke', String(id)]);
    expect(revoked).toMatchObject({ code: 0, stdout: `revoked API key ${id}\n` });
    const again = await cli(['apikey', 'revoke', String(id)]);
    expect(again.code).toBe(1);
    oneErrorLine(again);
    const duplicate = await cli(['apikey', 'import', 'Again', 'IMPORTED-KEY-1234']);
    expect([0, 1]).toContain(duplicate.code);
    const badKey = await cli(['apikey', 'import', 'Bad', 'has spaces in it']);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/^error: key: [^\n]+\n$/);
  }, 400_000);

  it('config export [file] / config import <file>', async () => {
    await inbound(0);
    const file = path.join(t.db.dataDir, 'config.json');
    const exported = await cli(['config', 'export', file]);
    expect(exported.code).toBe(0);
    const document = JSON.parse(fs.readFileSync(file, 'utf8'));
    const { exportedAt: _at, ...current } = (await t.api().get('/api/config/export').expect(200)).body;
    expect(document).toEqual({ ...current, exportedAt: expect.any(String) });
    const stdout = await remote(['config', 'export']);
    expect(JSON.parse(stdout.stdout)).toEqual({ ...document, exportedAt: expect.any(String) });
    const imported = await cli(['config', 'import', file]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^updated\s+\d+\s+\d+\s+\d+$/m);
    fs.writeFileSync(file, '{"webServices": [');
    const broken = await cli(['config', 'import', file]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(new RegExp(`^error: ${file.replace(/[.\\/]/g, '\\$&')} is not JSON: [^\\n]+\\n$`));
    fs.writeFileSync(file, '{"webServices": "no"}');
    const invalid = await cli(['config', 'import', file]);
    expect(invalid.code).toBe(1);
    oneErrorLine(invalid);
    expect((await cli(['config', 'import', path.join(t.db.dataDir, 'missing.json')])).code).toBe(1);
  }, 400_000);

  it('log [--object] [--failed], and --follow prints new rows as they come', async () => {
    const { code, object } = await inbound(2);
    expect((await cli(['run', object.name])).code).toBe(0);
    const log = await cli(['log', '--object', object.name]);
    expect(log.code).toBe(0);
    const lines = log.stdout.trim().split('\n');
    const entries = (await t.api().get('/api/change-log').query({ syncObjectId: object.id }).expect(200)).body.items as Json[];
    // Oldest first: the API's newest-first page, reversed.
    expect(lines.map((line) => Number(/#(\d+)/.exec(line)![1]))).toEqual(entries.map((e) => e.id).reverse());
    for (const line of lines)
      expect(line).toMatch(new RegExp(`#\\d+  ${object.name}  external_to_odoo/\\w+  success  ${code} contact \\d`));
    expect((await cli(['log', '--object', object.name, '--failed'])).stdout).toBe('');

    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/cli.ts', 'log', '--follow', '--object', String(object.id)], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.db.url, DATA_DIR: t.db.dataDir, SYNCHRO_CLI_POLL_MS: '50' },
    });
    let out = '';
    const seen = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (out.trim().split('\n').filter(Boolean).length >= n ? resolve() : undefined);
        child.stdout.on('data', (chunk) => {
          out += chunk;
          check();
        });
        check();
      });
    await seen(entries.length);
    fake.offer(code, 'insert', { unique_id: `${code}-followed`, name: `${code} followed` });
    await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200);
    await seen(entries.length + 1);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out.trim().split('\n')[entries.length]).toMatch(new RegExp(`${code} followed$`));
  }, 400_000);

  it('outbox [--dead] [--retry <id|all>]', async () => {
    const code = `CLI${++codes}`;
    const ws = await f.webService({ url: fake.urlFor(code), shippingUrl: fake.urlFor(code) });
    const object = await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: ws.id });
    await t.api().put('/api/settings').send({ outboxMaxAttempts: 1 }).expect(200);
    fake.setFault({ type: 'http400', kind: 'send', code });
    try {
      for (const name of ['Dead one', 'Dead two']) await t.api().post('/api/records/res.partner').send({ name }).expect(201);
      let dead: Json[] = [];
      for (let i = 0; i < 400 && dead.length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        dead = (await t.api().get('/api/outbox').query({ syncObjectId: object.id, status: 'dead' })).body.items;
      }
      expect(dead).toHaveLength(2);
      const listed = await cli(['outbox', '--dead', '--object', object.name as string]);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`^${dead[0].id}\\s+${object.name}\\s+res.partner\\s+\\d+\\s+upsert\\s+dead\\s+1\\s`, 'm'));
      expect(listed.stdout).toContain('2 of 2 row(s)');
      fake.clearFault();
      const one = await cli(['outbox', '--retry', String(dead[0].id)]);
      expect(one.code).toBe(0);
      // A dispatcher may take it at once.
      expect(one.stdout).toMatch(new RegExp(`^outbox row ${dead[0].id} put back in the queue \\(now (pending|inflight|done)\\)\n$`));
      const notDead = await cli(['outbox', '--retry', String(dead[0].id)]);
      expect(notDead.code).toBe(1);
      oneErrorLine(notDead);
      const all = await remote(['outbox', '--retry', 'all', '--object', String(object.id)]);
      expect(all).toMatchObject({ code: 0, stdout: 'put 1 dead row(s) back in the queue\n' });
      const bad = await cli(['outbox', '--retry', 'some']);
      expect(bad.code).toBe(2);
      oneErrorLine(bad);
    } finally {
      await t.api().put('/api/settings').send({ outboxMaxAttempts: 12 }).expect(200);
    }
  }, 400_000);
});
