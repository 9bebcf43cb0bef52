/* eslint-disable @typescript-eslint/no-require-imports --
   bench harness: drivers and src modules loaded lazily, IPC and JSON answers untyped */
/**
 * B1 baseline: a bare node:http server doing the durable work of one real-time
 * create with nothing in between — parse the JSON body, check the api_key header,
 * then in ONE transaction look the country up by code, upsert the partner by
 * x_sys_id and insert the change_log row; answer the seed's envelope.
 * Same schema (Synchro's migrated tables), mysql2 pool or better-sqlite3.
 *
 * env: BASE_DB=mysql|sqlite, MYSQL_HOST/PORT/USER/PASSWORD/DATABASE, SQLITE_PATH,
 *      API_KEY, SYNC_OBJECT_ID, POOL_SIZE (default 10, Synchro's poolSize).
 */
import * as http from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';

interface Payload {
  name?: unknown;
  unique_id?: unknown;
  country?: unknown;
}

interface Applied {
  odooId: number;
  created: boolean;
}

type Apply = (payload: Payload, externalId: string, startedAt: number) => Promise<Applied>;

const apiKeyHash = createHash('sha256')
  .update(process.env.API_KEY ?? '')
  .digest();
const syncObjectId = Number(process.env.SYNC_OBJECT_ID ?? 1);

function keyOk(header: string | string[] | undefined): boolean {
  const presented = Array.isArray(header) ? header[0] : header;
  if (!presented) return false;
  return timingSafeEqual(createHash('sha256').update(presented).digest(), apiKeyHash);
}

function logRow(
  payload: Payload,
  externalId: string,
  odooId: number,
  countryId: number | null,
  created: boolean,
  startedAt: number,
  now: Date,
) {
  return [
    'external_to_odoo',
    created ? 'create' : 'write',
    externalId,
    odooId,
    created ? 'Create Contact' : 'Modify Contact',
    String(payload.name ?? ''),
    JSON.stringify(payload),
    JSON.stringify({ name: payload.name, x_sys_id: externalId, country_id: countryId }),
    now,
    now,
    'success',
    null,
    syncObjectId,
    'res.partner',
    'realtime',
    Date.now() - startedAt,
  ];
}

const LOG_INSERT = `INSERT INTO change_log (direction, action, external_id, odoo_id, name, title, origin_values, destination_values,
    modified_at, synced_at, status, error_message, sync_object_id, model, sync_trigger, duration_ms)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function mysqlApply(): Apply {
  const mysql = require('mysql2/promise');
  const pool = mysql.createPool({
    host: process.env.MYSQL_HOST,
    port: Number(process.env.MYSQL_PORT),
    user: process.env.MYSQL_USER,
    password: process.env.MYSQL_PASSWORD,
    database: process.env.MYSQL_DATABASE,
    connectionLimit: Number(process.env.POOL_SIZE ?? 10),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
  });
  return async (payload, externalId, startedAt) => {
    const conn = await pool.getConnection();
    try {
      await conn.query('START TRANSACTION');
      const now = new Date();
      let countryId: number | null = null;
      if (payload.country) {
        const [rows] = await conn.execute('SELECT id FROM res_country WHERE code = ?', [String(payload.country)]);
        countryId = rows[0]?.id ?? null;
        if (countryId === null) throw new Error(`country ${payload.country} unknown`);
      }
      const [result] = await conn.execute(
        `INSERT INTO res_partner (name, x_sys_id, country_id, is_company, customer, active, create_date, write_date)
         VALUES (?, ?, ?, 0, 0, 1, ?, ?)
         ON DUPLICATE KEY UPDATE name = VALUES(name), country_id = VALUES(country_id), write_date = VALUES(write_date),
           id = LAST_INSERT_ID(id)`,
        [String(payload.name), externalId, countryId, now, now],
      );
      const created = result.affectedRows === 1;
      const odooId = Number(result.insertId);
      await conn.execute(LOG_INSERT, logRow(payload, externalId, odooId, countryId, created, startedAt, now));
      await conn.query('COMMIT');
      return { odooId, created };
    } catch (error) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      conn.release();
    }
  };
}

function sqliteApply(): Apply {
  const Database = require('better-sqlite3');
  const db = new Database(process.env.SQLITE_PATH);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const country = db.prepare('SELECT id FROM res_country WHERE code = ?');
  const upsert = db.prepare(
    `INSERT INTO res_partner (name, x_sys_id, country_id, is_company, customer, active, create_date, write_date)
     VALUES (?, ?, ?, 0, 0, 1, ?, ?)
     ON CONFLICT(x_sys_id) DO UPDATE SET name = excluded.name, country_id = excluded.country_id, write_date = excluded.write_date
     RETURNING id, create_date = write_date AS created`,
  );
  const log = db.prepare(LOG_INSERT);
  const sqliteDate = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
  const tx = db.transaction((payload: Payload, externalId: string, startedAt: number): Applied => {
    const now = new Date();
    const stamp = sqliteDate(now);
    let countryId: number | null = null;
    if (payload.country) {
      countryId = (country.get(String(payload.country)) as { id: number } | undefined)?.id ?? null;
      if (countryId === null) throw new Error(`country ${payload.country} unknown`);
    }
    const row = upsert.get(String(payload.name), externalId, countryId, stamp, stamp) as { id: number; created: number };
    const params = logRow(payload, externalId, row.id, countryId, row.created === 1, startedAt, now).map((v) =>
      v instanceof Date ? sqliteDate(v) : v,
    );
    log.run(...params);
    return { odooId: row.id, created: row.created === 1 };
  });
  // BEGIN IMMEDIATE, as Synchro does, so another process never deadlocks us.
  return async (payload, externalId, startedAt) => tx.immediate(payload, externalId, startedAt);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const failed = (message: string) => ({ jsonrpc: '2.0', id: null, result: { status: 'failed', error_message: message } });

async function main(): Promise<void> {
  const apply = process.env.BASE_DB === 'sqlite' ? sqliteApply() : mysqlApply();
  const server = http.createServer((req, res) => {
    const startedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/create')) return send(res, 404, failed('no such route'));
      if (!keyOk(req.headers['api_key'])) return send(res, 401, failed('invalid api_key'));
      let payload: Payload;
      try {
        payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, failed('malformed JSON'));
      }
      const externalId = payload.unique_id === undefined || payload.unique_id === null ? '' : String(payload.unique_id);
      if (!externalId || typeof payload.name !== 'string' || !payload.name)
        return send(res, 422, failed('unique_id and name are required'));
      try {
        const { odooId } = await apply(payload, externalId, startedAt);
        send(res, 200, {
          jsonrpc: '2.0',
          id: null,
          result: { status: 'success', error_message: '', odoo_id: odooId, external_id: externalId },
        });
      } catch (error) {
        send(res, 500, failed((error as Error).message));
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.send!({ type: 'ready', url: `http://127.0.0.1:${port}` });
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
  setTimeout(() => undefined, 1 << 30);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
// The bench harness died: do not linger.
process.on('disconnect', () => process.exit(0));
