/** A real Synchro process for crash tests: `node -r @swc-node/register test/support/run-app.ts` (env as usual). */
import 'reflect-metadata';
import { createApp } from '../../src/bootstrap';

void (async () => {
  const app = await createApp({ logger: ['error'] });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.stdout.write('READY\n');
})();
