/** A real Synchro process for crash tests: `node -r @swc-node/register test/support/run-app.ts` (env as usual). */
import 'reflect-metadata';
import { createApp } from '../../src/bootstrap';
import { capturedApp } from './app-capture';

void (async () => {
  // Every line into the run's capture folder for the secret scan (errors still on stdout, as before).
  const app = await capturedApp(createApp, { logger: ['error'] });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.stdout.write('READY\n');
})();
