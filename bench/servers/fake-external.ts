/** Bench child: the fake external system (test/fake-external) on a loopback port, in its own process. */
import { FakeExternalSystem } from '../../test/fake-external/fake-external';

async function main(): Promise<void> {
  // A short history keeps the fake's memory flat; FAKE_ID_FIELD names the external id in values.
  const fake = new FakeExternalSystem({ maxRecorded: 1_000, idField: process.env.FAKE_ID_FIELD || 'external_id' });
  const { url } = await fake.start(0, '127.0.0.1');
  process.on('SIGTERM', () => void fake.stop().then(() => process.exit(0)));
  process.send!({ type: 'ready', url });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
// The bench harness died: do not linger.
process.on('disconnect', () => process.exit(0));
