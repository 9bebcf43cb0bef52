/* eslint-disable @typescript-eslint/no-explicit-any --
   bench harness: drivers and src modules loaded lazily, IPC and JSON answers untyped */
/**
 * Bench child: the real Synchro application (createApp, as production) on a
 * loopback port with quiet logs. Configuration comes from the environment
 * (DATABASE_URL, DATA_DIR, ADMIN_TOKEN, OUTBOX_*), as for main.ts.
 *
 * IPC: {cmd: 'memory'} → process.memoryUsage().
 */
import 'reflect-metadata';
import { createApp } from '../../src/bootstrap';
import { applyLevers } from './levers';

async function main(): Promise<void> {
  applyLevers(process.env.BENCH_LEVERS);
  const app = await createApp({ logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };

  process.on('message', async (message: any) => {
    try {
      if (message.cmd === 'memory') {
        process.send!({ type: 'answer', id: message.id, result: process.memoryUsage() });
      }
    } catch (error) {
      process.send!({ type: 'answer', id: message.id, error: (error as Error).stack ?? String(error) });
    }
  });
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}` });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
// The bench harness died: do not linger.
process.on('disconnect', () => process.exit(0));
