import {
  changedValues,
  countSwitches,
  FlapEvent,
  FlapSide,
  flippingFields,
  MAX_EVENTS,
  recordChange,
} from '../../../src/flapping/flapping-detector';

const policy = { changes: 4, windowSeconds: 60 };
const T0 = Date.parse('2026-12-02T10:00:00Z');

/** Plays changes (side, values, seconds after T0) through recordChange; answers the last verdict. */
function play(changes: [FlapSide, Record<string, unknown>, number][], p = policy) {
  let events: FlapEvent[] = [];
  let verdict = recordChange([], { side: 'external', values: {} }, p, T0);
  for (const [side, values, seconds] of changes) {
    verdict = recordChange(events, { side, values }, p, T0 + seconds * 1000);
    events = verdict.events;
  }
  return verdict;
}

describe('recordChange', () => {
  it.each<[string, [FlapSide, Record<string, unknown>, number][], number, boolean]>([
    [
      'one side alone never flaps',
      [
        ['external', { email: 'a' }, 0],
        ['external', { email: 'b' }, 1],
        ['external', { email: 'c' }, 2],
        ['external', { email: 'd' }, 3],
        ['external', { email: 'e' }, 4],
      ],
      0,
      false,
    ],
    [
      'ping-pong below the threshold',
      [
        ['external', { email: 'x' }, 0],
        ['odoo', { email: 'y' }, 1],
        ['external', { email: 'x' }, 2],
        ['odoo', { email: 'y' }, 3],
      ],
      3,
      false,
    ],
    [
      'ping-pong reaching the threshold',
      [
        ['external', { email: 'x' }, 0],
        ['odoo', { email: 'y' }, 1],
        ['external', { email: 'x' }, 2],
        ['odoo', { email: 'y' }, 3],
        ['external', { email: 'x' }, 4],
      ],
      4,
      true,
    ],
    [
      'a change that changes nothing is no change',
      [
        ['external', { email: 'x' }, 0],
        ['odoo', { email: 'x' }, 1],
        ['external', { email: 'x' }, 2],
        ['odoo', { email: 'x' }, 3],
        ['external', { email: 'x' }, 4],
      ],
      0,
      false,
    ],
    [
      'changes older than the window do not count',
      [
        ['external', { email: 'x' }, 0],
        ['odoo', { email: 'y' }, 1],
        ['external', { email: 'x' }, 100],
        ['odoo', { email: 'y' }, 101],
        ['external', { email: 'x' }, 102],
      ],
      2,
      false,
    ],
    [
      'both sides changing different fields is still back and forth',
      [
        ['external', { name: 'a' }, 0],
        ['odoo', { email: 'b' }, 1],
        ['external', { name: 'c' }, 2],
        ['odoo', { email: 'd' }, 3],
        ['external', { name: 'e' }, 4],
      ],
      4,
      true,
    ],
  ])('%s', (_name, changes, switches, flagged) => {
    const verdict = play(changes);
    expect(verdict.switches).toBe(switches);
    expect(verdict.flagged).toBe(flagged);
  });

  it('keeps a bounded history', () => {
    const changes: [FlapSide, Record<string, unknown>, number][] = [];
    for (let i = 0; i < 300; i++) changes.push([i % 2 ? 'odoo' : 'external', { n: i }, i / 100]);
    expect(play(changes, { changes: 1000, windowSeconds: 600 }).events.length).toBeLessThanOrEqual(MAX_EVENTS);
    expect(play(changes).events.length).toBe(policy.changes + 1);
  });
});

describe('changedValues', () => {
  const history: FlapEvent[] = [
    { side: 'external', at: T0, values: { email: '"a"', name: '"N"' } },
    { side: 'odoo', at: T0 + 1, values: { email: '"b"' } },
  ];
  it.each([
    ['the same value as the latest', { email: 'b' }, {}],
    ['a value back to an older one', { email: 'a' }, { email: '"a"' }],
    ['a field never seen', { phone: 1 }, { phone: '1' }],
    ['a secret-named field, as a mark', { password: 'p' }, { password: '[secret]' }],
    ['null', { name: null }, { name: null }],
  ])('%s', (_name, values, expected) => expect(changedValues(history, values)).toEqual(expected));
});

describe('flippingFields and countSwitches', () => {
  const events: FlapEvent[] = [
    { side: 'external', at: T0, values: { email: '"x"', name: '"N"' } },
    { side: 'odoo', at: T0 + 1000, values: { email: '"y"' } },
    { side: 'external', at: T0 + 2000, values: { email: '"x"' } },
  ];
  it('lists the fields both sides changed, with their recent values', () => {
    expect(flippingFields(events)).toEqual([
      {
        field: 'email',
        recent: [
          { side: 'external', at: '2026-12-02T10:00:00.000Z', value: '"x"' },
          { side: 'odoo', at: '2026-12-02T10:00:01.000Z', value: '"y"' },
          { side: 'external', at: '2026-12-02T10:00:02.000Z', value: '"x"' },
        ],
      },
    ]);
  });
  it.each([
    [[], 0],
    [events.slice(0, 1), 0],
    [events, 2],
  ])('%# switches', (list, expected) => expect(countSwitches(list as FlapEvent[])).toBe(expected));
});
