import { addMonths, cronExpressionProblem, nextRunAfter, Schedule, scheduleOf, timeZoneProblem } from '../../../src/sync-objects/schedule';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('nextRunAfter: months (from the planned time, on the anchor day of month, UTC)', () => {
  const monthly = (interval: number, anchor: string): Schedule => ({ kind: 'interval', interval, unit: 'months', anchor: at(anchor) });
  it.each([
    ['one month after the anchor', 1, '2026-01-15T02:00:00Z', '2026-01-15T02:00:00Z', '2026-01-15T02:00:01Z', '2026-02-15T02:00:00.000Z'],
    [
      'Jan 31 → Feb 28 (short month: its last day)',
      1,
      '2026-01-31T08:00:00Z',
      '2026-01-31T08:00:00Z',
      '2026-01-31T09:00:00Z',
      '2026-02-28T08:00:00.000Z',
    ],
    [
      'Feb 28 slot → Mar 31 (the anchor keeps the 31st: no drift)',
      1,
      '2026-01-31T08:00:00Z',
      '2026-02-28T08:00:00Z',
      '2026-02-28T08:00:05Z',
      '2026-03-31T08:00:00.000Z',
    ],
    ['Mar 31 → Apr 30', 1, '2026-01-31T08:00:00Z', '2026-03-31T08:00:00Z', '2026-03-31T08:00:05Z', '2026-04-30T08:00:00.000Z'],
    [
      'leap year: Jan 31 2028 → Feb 29',
      1,
      '2028-01-31T00:00:00Z',
      '2028-01-31T00:00:00Z',
      '2028-01-31T00:00:01Z',
      '2028-02-29T00:00:00.000Z',
    ],
    [
      'every 3 months across the year end',
      3,
      '2026-11-30T12:00:00Z',
      '2026-11-30T12:00:00Z',
      '2026-12-01T00:00:00Z',
      '2027-02-28T12:00:00.000Z',
    ],
    [
      'after downtime: the next future slot, no burst',
      1,
      '2026-01-31T08:00:00Z',
      '2026-02-28T08:00:00Z',
      '2026-06-10T00:00:00Z',
      '2026-06-30T08:00:00.000Z',
    ],
    [
      'exactly on a slot: the one after',
      1,
      '2026-01-10T00:00:00Z',
      '2026-02-10T00:00:00Z',
      '2026-03-10T00:00:00Z',
      '2026-04-10T00:00:00.000Z',
    ],
    [
      'a run taking long: still from the plan',
      2,
      '2026-01-05T00:00:00Z',
      '2026-03-05T00:00:00Z',
      '2026-03-06T00:00:00Z',
      '2026-05-05T00:00:00.000Z',
    ],
  ])('%s', (_case, interval, anchor, planned, now, expected) => {
    expect(iso(nextRunAfter(at(planned), monthly(interval, anchor), at(now)))).toBe(expected);
  });

  it('without an anchor (rows from before anchors) counts from the planned time', () => {
    const schedule: Schedule = { kind: 'interval', interval: 1, unit: 'months' };
    expect(iso(nextRunAfter(at('2026-03-31T00:00:00Z'), schedule, at('2026-03-31T00:00:01Z')))).toBe('2026-04-30T00:00:00.000Z');
  });

  it.each([
    ['2026-01-31T10:20:30.456Z', 1, '2026-02-28T10:20:30.456Z', undefined],
    ['2026-01-31T10:20:30.456Z', 13, '2027-02-28T10:20:30.456Z', undefined],
    ['2026-05-31T00:00:00.000Z', -3, '2026-02-28T00:00:00.000Z', undefined],
    ['2026-02-28T06:00:00.000Z', 1, '2026-03-31T06:00:00.000Z', 31],
    ['2026-08-15T00:00:00.000Z', 0, '2026-08-15T00:00:00.000Z', undefined],
  ])('addMonths(%s, %d) = %s (day %s)', (from, n, expected, day: number | undefined) => {
    expect(iso(addMonths(at(from), n, day))).toBe(expected);
  });
});

describe('nextRunAfter: cron expressions in a time zone', () => {
  const cron = (expression: string, timezone = 'Europe/Madrid'): Schedule => ({ kind: 'cron', cron: expression, timezone });
  it.each([
    ['weekdays at 02:00 Madrid (winter, UTC+1)', '0 2 * * 1-5', '2026-12-01T01:00:00Z', '2026-12-01T01:00:00Z', '2026-12-02T01:00:00.000Z'],
    ['Friday → Monday (1-5)', '0 2 * * 1-5', '2026-12-04T01:00:00Z', '2026-12-04T01:00:05Z', '2026-12-07T01:00:00.000Z'],
    ['summer time (UTC+2)', '0 2 * * *', '2026-07-01T00:00:00Z', '2026-07-01T00:00:01Z', '2026-07-02T00:00:00.000Z'],
    [
      'DST starts (02:00 does not exist on 29 March): runs at 03:00 CEST',
      '0 2 * * *',
      '2026-03-28T01:00:00Z',
      '2026-03-28T01:00:01Z',
      '2026-03-29T01:00:00.000Z',
    ],
    ['the day after DST starts: 02:00 CEST again', '0 2 * * *', '2026-03-29T01:00:00Z', '2026-03-29T01:00:01Z', '2026-03-30T00:00:00.000Z'],
    [
      'DST ends (02:00 happens twice on 25 October): once, at the first',
      '0 2 * * *',
      '2026-10-24T00:00:00Z',
      '2026-10-24T00:00:01Z',
      '2026-10-25T00:00:00.000Z',
    ],
    [
      'DST ends: the repeated 02:00 is not a second run',
      '0 2 * * *',
      '2026-10-25T00:00:00Z',
      '2026-10-25T00:00:01Z',
      '2026-10-26T01:00:00.000Z',
    ],
    [
      'after downtime: the next future match, no burst',
      '*/15 * * * *',
      '2026-12-01T10:00:00Z',
      '2026-12-01T13:07:00Z',
      '2026-12-01T13:15:00.000Z',
    ],
    ['a run taking long: still from the plan', '0 * * * *', '2026-12-01T10:00:00Z', '2026-12-01T10:59:59Z', '2026-12-01T11:00:00.000Z'],
    ['UTC', '30 6 1 * *', '2026-12-01T06:30:00Z', '2026-12-01T06:30:00Z', '2027-01-01T06:30:00.000Z'],
  ])('%s', (_case, expression, planned, now, expected) => {
    const timezone = _case === 'UTC' ? 'UTC' : 'Europe/Madrid';
    expect(iso(nextRunAfter(at(planned), cron(expression, timezone), at(now)))).toBe(expected);
  });
});

describe('scheduleOf (stored columns)', () => {
  it.each([
    [
      { scheduleInterval: 5, scheduleUnit: 'minutes' as const },
      { kind: 'interval', interval: 5, unit: 'minutes' },
    ],
    [
      { scheduleInterval: 5, scheduleUnit: 'minutes' as const, scheduleCron: '0 2 * * *', scheduleTimezone: null },
      { kind: 'cron', cron: '0 2 * * *', timezone: 'UTC' },
    ],
    [
      { scheduleInterval: 1, scheduleUnit: 'days' as const, scheduleCron: '0 2 * * *', scheduleTimezone: 'Asia/Tokyo' },
      { kind: 'cron', cron: '0 2 * * *', timezone: 'Asia/Tokyo' },
    ],
  ])('%j', (columns, expected) => {
    expect(scheduleOf(columns)).toMatchObject(expected);
  });
});

describe('validation of cron schedules', () => {
  it.each([
    ['0 2 * * 1-5', null],
    ['*/10 * * * *', null],
    ['0 0 1 1,4,7,10 *', null],
    ['0 2 * *', /expected 5 fields/],
    ['0 0 2 * * 1-5', /expected 5 fields/],
    ['61 * * * *', /out of range/],
    ['0 2 * * 8', /out of range/],
    ['x y z w v', /.+/],
    ['0 0 31 2 *', /matches no date/],
  ])('cron %j', (expression, problem) => {
    const found = cronExpressionProblem(expression);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it.each([
    ['Europe/Madrid', true],
    ['UTC', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Mars/Olympus', false],
    ['', false],
  ])('time zone %j valid: %s', (zone, valid) => {
    expect(timeZoneProblem(zone) === null).toBe(valid);
  });
});
