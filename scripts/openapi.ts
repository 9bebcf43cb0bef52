/**
 * `npm run openapi`: writes the OpenAPI description to docs/openapi.json (or the path given),
 * the file the console's typed client is generated from. Boots the real application on a
 * throw-away SQLite file, so no database server is needed; a test fails when the committed
 * file differs from what the code describes.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from '../src/bootstrap';
import { buildOpenApiDocument } from '../src/common/openapi-document';

export const OPENAPI_FILE = 'docs/openapi.json';

/** The committed file's exact text for a document (stable: key order comes from the code). */
export function serializeOpenApi(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<void> {
  const target = path.resolve(process.argv[2] ?? OPENAPI_FILE);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synchro-openapi-'));
  Object.assign(process.env, {
    DATABASE_URL: `sqlite:${path.join(dataDir, 'synchro.db')}`,
    DATA_DIR: dataDir,
    ADMIN_TOKEN: 'openapi-generation-only-token',
    OUTBOX_DISPATCHER: 'off',
  });
  try {
    const app = await createApp({ logger: ['error'] });
    const text = serializeOpenApi(buildOpenApiDocument(app));
    await app.close();
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    console.log(`wrote ${path.relative(process.cwd(), target)} (${Object.keys(JSON.parse(text).paths).length} paths)`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
