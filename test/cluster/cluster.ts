/**
 * The cluster tier's parts: the 3-node loopback Galera cluster that `npm run test:cluster`
 * started (../shared/galera/cluster.sh: nodes on 127.0.0.1:4306-4308, data under
 * /tmp/galera), one real Synchro process per node, and SQL straight to a node.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection, createConnection } from 'mysql2/promise';
import request from 'supertest';
import { waitFor } from '../support/wait-for';

const ROOT = path.resolve(__dirname, '../..');
const GALERA = '/tmp/galera';
export const NODE_PORTS = [4306, 4307, 4308];
export const CLUSTER_DATABASE = 'synchro_cluster';
export const ADMIN_TOKEN = 'cluster-admin-token-0123456789abcdef';

/** Plain SQL on one node; reads wait for the node to have applied the whole cluster's commits. */
export async function sql<T = Record<string, unknown>>(node: number, statement: string, params: unknown[] = []): Promise<T[]> {
  const connection: Connection = await createConnection({
    host: '127.0.0.1',
    port: NODE_PORTS[node],
    user: 'root',
    multipleStatements: false,
  });
  try {
    await connection.query('SET SESSION wsrep_sync_wait = 1');
    const [rows] = await connection.query(statement, params);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

export async function freshDatabase(): Promise<void> {
  await sql(0, `DROP DATABASE IF EXISTS ${CLUSTER_DATABASE}`);
  await sql(0, `CREATE DATABASE ${CLUSTER_DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
}

export interface InstanceStats {
  sentByPath: Record<string, number>;
  conflictRetries: number;
}

/** One Synchro process talking to one node. */
export class Instance {
  private child?: ChildProcess;
  // Below the ephemeral range (32768–60999): such a port may be an outgoing connection's local end.
  readonly port = 10000 + Math.floor(Math.random() * 22000);
  readonly url = `http://127.0.0.1:${this.port}`;
  output = '';

  constructor(
    readonly node: number,
    private readonly env: Record<string, string> = {},
  ) {}

  start(): Promise<void> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/cluster/instance.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `mysql://root@127.0.0.1:${NODE_PORTS[this.node]}/${CLUSTER_DATABASE}`,
        DATA_DIR: fs.mkdtempSync('/tmp/synchro-cluster-'),
        ADMIN_TOKEN,
        SECRETS_KEY: 'ab'.repeat(32),
        PORT: String(this.port),
        OUTBOX_POLL_MS: '200',
        OUTBOX_LEASE_MS: '15000',
        OUTBOX_BACKOFF_SCALE: '0.01',
        SCHEDULER_TICK_MS: '300',
        SCHEDULER_LEASE_MS: '4000',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    const log = fs.createWriteStream(`/tmp/synchro-cluster-node${this.node + 1}.log`, { flags: 'a' });
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    return new Promise((resolve, reject) => {
      const early = (code: number | null) => reject(new Error(`instance on node ${this.node + 1} exited with ${code}:\n${this.output}`));
      child.once('exit', early);
      child.once('message', (message) => {
        if (message !== 'ready') return;
        child.off('exit', early);
        resolve();
      });
    });
  }

  stats(): Promise<InstanceStats> {
    return new Promise((resolve) => {
      this.child!.once('message', (message) => resolve(message as InstanceStats));
      this.child!.send('stats');
    });
  }

  api() {
    const agent = request(this.url);
    const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    return {
      get: (p: string) => agent.get(p).set(auth),
      post: (p: string) => agent.post(p).set(auth),
      patch: (p: string) => agent.patch(p).set(auth),
    };
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/** SIGKILL a node's mariadbd (as a crash or a pulled cable would). */
export function killNode(node: number): void {
  const pid = Number(fs.readFileSync(`${GALERA}/node${node + 1}/launcher.pid`, 'utf8'));
  process.kill(pid, 'SIGKILL');
}

/** Start a stopped node again, as cluster.sh does: it rejoins the running cluster (IST/SST). */
export async function restartNode(node: number): Promise<void> {
  const n = node + 1;
  const out = fs.openSync(`${GALERA}/node${n}/stdout.log`, 'a');
  const child = spawn('mariadbd', [`--defaults-file=${GALERA}/node${n}.cnf`], {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, PATH: `${GALERA}/bin:${process.env.PATH}` },
  });
  child.unref();
  fs.writeFileSync(`${GALERA}/node${n}/launcher.pid`, String(child.pid));
  await waitFor(
    async () => {
      try {
        const rows = await sql<{ Value: string }>(node, `SHOW STATUS LIKE 'wsrep_local_state_comment'`);
        return rows[0]?.Value === 'Synced';
      } catch {
        return false;
      }
    },
    `node ${n} synced again`,
    180_000,
    500,
  );
}

/** Certification failures + brute-force aborts a node counted since it started (Galera's own view of conflicts). */
export async function nodeConflicts(node: number): Promise<number> {
  const rows = await sql<{ Variable_name: string; Value: string }>(
    node,
    `SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')`,
  );
  return rows.reduce((sum, row) => sum + Number(row.Value), 0);
}
