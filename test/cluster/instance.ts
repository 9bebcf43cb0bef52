/**
 * One real Synchro instance for the cluster tier, started by test/cluster/cluster.ts as a
 * child process (`node -r @swc-node/register test/cluster/instance.ts`, env as
 * usual). The application is exactly what main.ts starts; this harness only answers the
 * parent's IPC question "stats": the outbound requests this process sent, by URL path
 * (node's diagnostics channels of undici and node:http, whichever client sends), and the
 * transactions its UnitOfWork re-ran after a deadlock / certification conflict.
 */
import 'reflect-metadata';
import * as diagnostics from 'node:diagnostics_channel';
import { createApp } from '../../src/bootstrap';
import { UnitOfWork } from '../../src/database/unit-of-work';

const sentByPath: Record<string, number> = {};
const count = (path: string | undefined) => {
  const key = (path ?? '?').split('?')[0];
  sentByPath[key] = (sentByPath[key] ?? 0) + 1;
};
diagnostics.subscribe('undici:request:create', (message) => count((message as { request: { path?: string } }).request.path));
diagnostics.subscribe('http.client.request.start', (message) => count((message as { request: { path?: string } }).request.path));

void (async () => {
  const app = await createApp({ logger: ['error', 'warn'] });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  const unitOfWork = app.get(UnitOfWork);
  process.on('message', (message) => {
    if (message === 'stats') process.send!({ sentByPath, conflictRetries: unitOfWork.conflictRetries });
  });
  process.send!('ready');
})();
