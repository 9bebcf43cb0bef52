import { ItemOutcome, outcomeCounts } from '../../../src/scheduler/steps/receive.step';

const outcome = (status: 'success' | 'failed', held = false): ItemOutcome => ({
  status,
  errorMessage: status === 'failed' ? 'x' : null,
  action: 'write',
  rawExternalId: 'E1',
  odooId: status === 'success' ? 1 : null,
  title: 'E1',
  fingerprint: '[]',
  ...(held ? { held: true } : {}),
});

describe('outcomeCounts', () => {
  it.each<[string, ItemOutcome[], { applied: number; failed: number; held: number }]>([
    ['nothing', [], { applied: 0, failed: 0, held: 0 }],
    ['applied and failed', [outcome('success'), outcome('failed'), outcome('success')], { applied: 2, failed: 1, held: 0 }],
    // A flapping record's change is a success (kept, confirmed) that was not applied.
    ['held is neither applied nor failed', [outcome('success', true), outcome('success')], { applied: 1, failed: 0, held: 1 }],
  ])('%s', (_name, outcomes, expected) => expect(outcomeCounts(outcomes)).toEqual(expected));
});
