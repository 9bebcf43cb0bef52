import {
  burstExceeded,
  burstRule,
  evaluateGuard,
  guardNeedsTotal,
  guardProblems,
  guardWeighsRuns,
  percentOf,
  PlanFigures,
  SyncGuard,
} from '../../../src/sync-objects/guard';

describe('evaluateGuard', () => {
  const figures = (deletes: number, updates: number, total: number): PlanFigures => ({ deletes, updates, total });
  it.each<[string, SyncGuard | null, PlanFigures, string | null]>([
    ['no guard', null, figures(1000, 1000, 10), null],
    ['empty guard', {}, figures(1000, 1000, 10), null],
    ['deletes at the count', { maxDeletes: { count: 100 } }, figures(100, 0, 1000), null],
    [
      'deletes above the count',
      { maxDeletes: { count: 100 } },
      figures(101, 0, 1000),
      'maxDeletes.count 100 exceeded: 101 deletes planned',
    ],
    ['count 0 holds any delete', { maxDeletes: { count: 0 } }, figures(1, 0, 1000), 'maxDeletes.count 0 exceeded: 1 deletes planned'],
    ['deletes at the percent', { maxDeletes: { percent: 20 } }, figures(24, 0, 120), null],
    [
      'deletes above the percent',
      { maxDeletes: { count: 100, percent: 20 } },
      figures(35, 0, 120),
      'maxDeletes.percent 20 exceeded: 35 of 120 records (29.2 %)',
    ],
    [
      'count checked before percent',
      { maxDeletes: { count: 10, percent: 1 } },
      figures(50, 0, 100),
      'maxDeletes.count 10 exceeded: 50 deletes planned',
    ],
    [
      'deletes before updates',
      { maxUpdates: { count: 1 }, maxDeletes: { count: 1 } },
      figures(2, 2, 100),
      'maxDeletes.count 1 exceeded: 2 deletes planned',
    ],
    [
      'updates above the percent',
      { maxUpdates: { percent: 50 } },
      figures(0, 6, 10),
      'maxUpdates.percent 50 exceeded: 6 of 10 records (60 %)',
    ],
    ['updates within', { maxDeletes: { count: 5 }, maxUpdates: { percent: 50 } }, figures(5, 5, 10), null],
    [
      'no records: any change is 100 %',
      { maxUpdates: { percent: 99 } },
      figures(0, 1, 0),
      'maxUpdates.percent 99 exceeded: 1 of 0 records (100 %)',
    ],
    ['nothing planned', { maxDeletes: { count: 0, percent: 0 } }, figures(0, 0, 0), null],
    [
      'only windowSeconds does not weigh runs',
      { maxDeletes: { count: 3, windowSeconds: 60 } },
      figures(4, 0, 100),
      'maxDeletes.count 3 exceeded: 4 deletes planned',
    ],
  ])('%s', (_name, guard, plan, reason) => {
    const verdict = evaluateGuard(guard, plan);
    if (reason === null) expect(verdict).toEqual({ held: false });
    else expect(verdict).toMatchObject({ held: true, reason });
  });
});

describe('percentOf', () => {
  it.each([
    [0, 0, 0],
    [1, 0, 100],
    [35, 120, 29.2],
    [1, 3, 33.3],
    [3, 3, 100],
  ])('%d of %d is %d %%', (part, total, expected) => expect(percentOf(part, total)).toBe(expected));
});

describe('guard predicates', () => {
  it.each<[SyncGuard | null, boolean, boolean]>([
    [null, false, false],
    [{}, false, false],
    [{ maxDeletes: { count: 1 } }, true, false],
    [{ maxDeletes: { percent: 1 } }, true, true],
    [{ maxUpdates: { percent: 1 } }, true, true],
    [{ maxDeletes: { windowSeconds: 60 } }, false, false],
  ])('%j weighs runs %s, needs the total %s', (guard, weighs, total) => {
    expect(guardWeighsRuns(guard)).toBe(weighs);
    expect(guardNeedsTotal(guard)).toBe(total);
  });
});

describe('burst rule', () => {
  it.each<[SyncGuard | null, { count: number; windowSeconds: number } | null]>([
    [null, null],
    [{ maxDeletes: { count: 5 } }, null],
    [{ maxDeletes: { windowSeconds: 60 } }, null],
    [{ maxDeletes: { count: 5, windowSeconds: 60 } }, { count: 5, windowSeconds: 60 }],
  ])('%j → %j', (guard, rule) => expect(burstRule(guard)).toEqual(rule));

  it.each([
    [null, 100, false],
    [{ count: 5 }, 4, false],
    [{ count: 5 }, 5, true],
    [{ count: 0 }, 0, true],
  ])('rule %j after %d recent deletes: exceeded %s', (rule, recent, exceeded) => expect(burstExceeded(rule, recent)).toBe(exceeded));
});

describe('guardProblems', () => {
  it.each<[SyncGuard | null, string[]]>([
    [null, []],
    [{ maxDeletes: { count: 5, windowSeconds: 60 } }, []],
    [{ maxDeletes: { windowSeconds: 60 } }, ['guard.maxDeletes.windowSeconds']],
  ])('%j', (guard, fields) => expect(guardProblems(guard).map((p) => p.field)).toEqual(fields));
});
