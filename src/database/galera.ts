import { DataSource, QueryRunner } from 'typeorm';

/**
 * Galera (MariaDB Galera Cluster) awareness. Galera replicates every commit to all
 * nodes before it returns, but a node APPLIES other nodes' writes asynchronously: a
 * plain read there may not see yet what another instance just committed on another
 * node. `wsrep_sync_wait = 1` makes a session's reads wait until the node has applied
 * everything the cluster had committed when the read began — only where Synchro reads
 * back another instance's write and acts on it. Not Galera (SQLite, a single MySQL or
 * MariaDB server, where `wsrep_on` is absent or OFF): nothing to do.
 */
const galeraByDataSource = new WeakMap<DataSource, Promise<boolean>>();

/** Whether the server behind `dataSource` is a Galera node (wsrep_on = ON); asked once per data source. */
export function isGalera(dataSource: DataSource): Promise<boolean> {
  let known = galeraByDataSource.get(dataSource);
  if (!known) {
    known = dataSource.options.type !== 'mysql' ? Promise.resolve(false) : detect(dataSource);
    galeraByDataSource.set(dataSource, known);
  }
  return known;
}

async function detect(dataSource: DataSource): Promise<boolean> {
  const rows = (await dataSource.query(`SHOW VARIABLES LIKE 'wsrep_on'`)) as { Value?: string }[];
  return String(rows[0]?.Value ?? '').toUpperCase() === 'ON';
}

/** On Galera, make this session's reads causal (see above); elsewhere a no-op. */
export async function syncReads(runner: QueryRunner): Promise<void> {
  if (await isGalera(runner.connection)) await runner.query('SET SESSION wsrep_sync_wait = 1');
}
