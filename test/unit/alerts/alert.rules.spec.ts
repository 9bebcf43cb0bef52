import {
  assessSyncObject,
  assessWebService,
  DEFAULT_THRESHOLDS,
  notificationOf,
  SyncObjectFacts,
  WebServiceFacts,
} from '../../../src/alerts/alert.rules';

const object = (facts: Partial<SyncObjectFacts> = {}): SyncObjectFacts => ({
  active: true,
  consecutiveFailedRuns: 0,
  lastRunError: null,
  deadRows: 0,
  autoPaused: false,
  ...facts,
});

const service = (facts: Partial<WebServiceFacts> = {}): WebServiceFacts => ({
  deadRows: 0,
  oldestPendingAgeSeconds: null,
  circuit: 'ok',
  pausedUntil: null,
  ...facts,
});

describe('assessSyncObject', () => {
  it.each([
    ['nothing wrong', object(), null, 'ok', [], false],
    [
      'last run failed',
      object({ consecutiveFailedRuns: 1, lastRunError: 'receive: HTTP 500' }),
      null,
      'warning',
      ['the last run failed: receive: HTTP 500'],
      false,
    ],
    ['two failed runs, below the critical count', object({ consecutiveFailedRuns: 2 }), null, 'warning', ['the last run failed'], false],
    ['three failed runs in a row', object({ consecutiveFailedRuns: 3 }), null, 'critical', ['3 runs failed in a row'], false],
    ['dead outbound changes', object({ deadRows: 2 }), null, 'warning', ['2 outbound changes given up (dead)'], false],
    [
      'a held run',
      object({ heldRuns: { count: 1, latestId: 7, reason: 'maxDeletes.count 3 exceeded: 5 deletes planned' } }),
      null,
      'warning',
      ['1 run held, awaiting release (run 7: maxDeletes.count 3 exceeded: 5 deletes planned)'],
      false,
    ],
    [
      'held runs of an inactive object',
      object({ active: false, heldRuns: { count: 2, latestId: 9, reason: null } }),
      null,
      'warning',
      ['2 runs held, awaiting release (run 9)'],
      false,
    ],
    ['no held run', object({ heldRuns: { count: 0, latestId: 0, reason: null } }), null, 'ok', [], false],
    ['one dead row', object({ deadRows: 1 }), null, 'warning', ['1 outbound change given up (dead)'], false],
    [
      'failed runs and dead rows: the worst wins, both said',
      object({ consecutiveFailedRuns: 4, deadRows: 1 }),
      null,
      'critical',
      ['4 runs failed in a row', '1 outbound change given up (dead)'],
      false,
    ],
    ['switched off by hand: ok whatever happened', object({ active: false, consecutiveFailedRuns: 5, deadRows: 3 }), 2, 'ok', [], false],
    [
      'pauseAfterFailedRuns reached: pause now',
      object({ consecutiveFailedRuns: 2 }),
      2,
      'critical',
      ['deactivated after 2 failed runs in a row (pauseAfterFailedRuns)', 'the last run failed'],
      true,
    ],
    ['pauseAfterFailedRuns not reached', object({ consecutiveFailedRuns: 1 }), 2, 'warning', ['the last run failed'], false],
    [
      'paused by the alerts and still inactive',
      object({ active: false, autoPaused: true }),
      2,
      'critical',
      ['deactivated after 2 failed runs in a row (pauseAfterFailedRuns)'],
      false,
    ],
    ['no auto-pause when the setting is off', object({ consecutiveFailedRuns: 50 }), null, 'critical', ['50 runs failed in a row'], false],
  ])('%s', (_name, facts, pauseAfter, level, reasons, pause) => {
    expect(assessSyncObject(facts, DEFAULT_THRESHOLDS, pauseAfter)).toEqual({ level, reasons, pause });
  });

  it('uses the configured critical count', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, criticalAfterFailedRuns: 1 };
    expect(assessSyncObject(object({ consecutiveFailedRuns: 1 }), thresholds, null).level).toBe('critical');
  });
});

describe('assessWebService', () => {
  const until = new Date('2026-12-02T04:00:00.000Z');
  it.each([
    ['nothing wrong', service(), 'ok', []],
    ['degraded circuit alone is no alert', service({ circuit: 'degraded' }), 'ok', []],
    [
      'circuit paused',
      service({ circuit: 'paused', pausedUntil: until }),
      'critical',
      ['deliveries paused by the circuit breaker until 2026-12-02T04:00:00.000Z'],
    ],
    ['dead rows', service({ deadRows: 3 }), 'warning', ['3 outbound changes given up (dead)']],
    ['pending, young', service({ oldestPendingAgeSeconds: 900 }), 'ok', []],
    ['pending past the warning age', service({ oldestPendingAgeSeconds: 901 }), 'warning', ['the oldest pending change waits for 901 s']],
    [
      'pending past the critical age',
      service({ oldestPendingAgeSeconds: 3601 }),
      'critical',
      ['the oldest pending change waits for 3601 s'],
    ],
    [
      'everything at once',
      service({ circuit: 'paused', deadRows: 1, oldestPendingAgeSeconds: 1000 }),
      'critical',
      ['deliveries paused by the circuit breaker', '1 outbound change given up (dead)', 'the oldest pending change waits for 1000 s'],
    ],
  ])('%s', (_name, facts, level, reasons) => {
    expect(assessWebService(facts, DEFAULT_THRESHOLDS)).toEqual({ level, reasons });
  });
});

describe('notificationOf', () => {
  const at = new Date('2026-12-02T04:05:06.000Z');
  it.each([
    [
      {
        kind: 'sync-object' as const,
        id: 7,
        name: 'Contacts',
        from: 'ok' as const,
        to: 'warning' as const,
        reasons: ['the last run failed'],
        at,
      },
      '[Synchro] Sync object "Contacts" (7): ok → warning: the last run failed',
    ],
    [
      { kind: 'web-service' as const, id: 2, name: 'CRM', from: 'critical' as const, to: 'ok' as const, reasons: [], at },
      '[Synchro] Web service "CRM" (2): critical → ok (recovered)',
    ],
  ])('a Slack text line plus the structured fields (%#)', (transition, text) => {
    expect(notificationOf(transition)).toEqual({
      text,
      subject: { kind: transition.kind, id: transition.id, name: transition.name },
      from: transition.from,
      to: transition.to,
      reasons: transition.reasons,
      at: '2026-12-02T04:05:06.000Z',
    });
  });
});
