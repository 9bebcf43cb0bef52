/**
 * The odoo feature's variables, registered as the `odoo` configuration: what one records-API
 * read may cost (issue 16 point 1).
 */
import { ConfigType, registerAs } from '@nestjs/config';
import { readEnv, WholeNumber } from '../config/env';

class OdooEnv {
  /** A records-API read (count and page) that runs longer is stopped: 503 RECORDS.QUERY_TIMEOUT. */
  @WholeNumber(10, 600_000)
  RECORDS_QUERY_TIMEOUT_MS = 10_000;

  /** SQLite: threads that run records-API reads off the main thread (each its own connection). */
  @WholeNumber(1, 16)
  RECORDS_READ_WORKERS = 2;
}

export function loadOdooConfig(env: NodeJS.ProcessEnv = process.env) {
  const vars = readEnv(OdooEnv, env);
  return { queryTimeoutMs: vars.RECORDS_QUERY_TIMEOUT_MS, readWorkers: vars.RECORDS_READ_WORKERS };
}

export const odooConfig = registerAs('odoo', () => loadOdooConfig(process.env));
export type OdooConfig = ConfigType<typeof odooConfig>;
