import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../support/app-process';
import { waitFor } from '../support/wait-for';

const ROOT = path.resolve(__dirname, '../..');

/**
 * `npm start` in a folder with a `.env`: the real entry point (src/main.ts) in a child
 * process whose working directory holds the file. Variables set in the environment
 * win over the file; a bad value in it stops start-up with one line naming it.
 */
describe('configuration from ./.env', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let output = '';

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synchro-env-'));
    output = '';
  });
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function start(envFile: string, env: Record<string, string> = {}): Promise<number | null> {
    fs.writeFileSync(path.join(dir, '.env'), envFile);
    // What this test sets through the file must not come from the test runner's own environment.
    const mine = ['DATABASE_URL', 'DATA_DIR', 'PORT', 'PUBLIC_URL', 'ADMIN_TOKEN'];
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !mine.includes(name)));
    child = spawn(process.execPath, ['-r', require.resolve('@swc-node/register'), path.join(ROOT, 'src/main.ts')], {
      cwd: dir,
      // The TypeScript settings are the project's, whatever the working directory.
      env: { ...inherited, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
  }

  it('reads the file; a variable set in the environment wins over it', async () => {
    const port = freePort();
    void start(`PORT=${port}\nDATABASE_URL=sqlite:${path.join(dir, 'env.db')}\nADMIN_TOKEN=from-the-dotenv-file-0123\n`, {
      ADMIN_TOKEN: 'from-the-environment-0123',
    });
    await waitFor(() => output.includes(`listening on http://localhost:${port}`), 'Synchro listening on the port from .env', 90_000, 200);
    expect(fs.existsSync(path.join(dir, 'env.db'))).toBe(true);
    const answer = (token: string) => fetch(`http://127.0.0.1:${port}/api/settings`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await answer('from-the-environment-0123')).status).toBe(200);
    expect((await answer('from-the-dotenv-file-0123')).status).toBe(401);
  }, 120_000);

  it('refuses a bad value from the file with one line naming the variable', async () => {
    const code = await start('OUTBOX_POLL_MS=soon\n');
    expect(code).toBe(2);
    expect(output).toContain('Invalid OUTBOX_POLL_MS: "soon" is not a whole number');
    expect(output).not.toMatch(/\n\s+at /);
  }, 120_000);
});
