/**
 * CLI entry of the fake external system, for the demo and manual testing:
 *   FAKE_PORT=8069 FAKE_HOST=127.0.0.1 FAKE_AUTH=api_key:SECRET node dist/test/fake-external/main.js
 * FAKE_AUTH is "none" (default), "basic:user:pass" or "api_key:KEY".
 */
import { parseAuthSpec } from './fake-auth';
import { FakeExternalSystem } from './fake-external';

async function main(): Promise<void> {
  const port = Number(process.env.FAKE_PORT ?? 8069);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid FAKE_PORT "${process.env.FAKE_PORT}"`);
  const host = process.env.FAKE_HOST ?? '127.0.0.1';
  const auth = parseAuthSpec(process.env.FAKE_AUTH);

  const fake = new FakeExternalSystem({ auth });
  const { url } = await fake.start(port, host);
  const lines = [
    `fake external system listening on ${url} (auth: ${auth.mode})`,
    `  one URL per model:   POST ${url}/CODE        (e.g. ${url}/CON; body shape picks receive/confirm/send)`,
    `  separate URLs:       POST ${url}/CODE/receive  ${url}/CODE/confirm  ${url}/CODE/send`,
    `  inspect:             GET  ${url}/_inspect   ${url}/_inspect/CODE`,
    `  seed offers:         POST ${url}/_seed/CODE  {"items": [{"action": "insert", "values": {"external_id": 1, "name": "Contact 1"}}]}`,
    `  faults:              POST ${url}/_fault  {"type": "http500", "times": 2}   DELETE ${url}/_fault`,
    `  reset:               POST ${url}/_reset`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    fake.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`fake external system failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
