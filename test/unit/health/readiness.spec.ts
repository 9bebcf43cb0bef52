import { readinessProblems, TerminusFailure } from '../../../src/health/readiness';

describe('readinessProblems', () => {
  const down = (message?: string) => ({ status: 'down', ...(message ? { message } : {}) });

  it.each<[string, TerminusFailure, boolean, Array<{ field: string; problem: string }>]>([
    [
      'one failing check',
      { status: 'error', error: { database: down('the database does not answer') } },
      false,
      [{ field: 'database', problem: 'the database does not answer' }],
    ],
    ['a check without a message', { status: 'error', error: { scheduler: down() } }, false, [{ field: 'scheduler', problem: 'down' }]],
    [
      'shutdown already named once',
      { status: 'error', error: { shutdown: down('shutting down') } },
      true,
      [{ field: 'shutdown', problem: 'shutting down' }],
    ],
    // A check that began before SIGTERM saw shutdown up; terminus' own hook then answers 'shutting_down' with nothing failing.
    [
      'terminus shutting down, no failing check',
      { status: 'shutting_down', error: {} },
      false,
      [{ field: 'shutdown', problem: 'shutting down' }],
    ],
    [
      'the signal seen, another check failing',
      { status: 'error', error: { database: down('x') } },
      true,
      [
        { field: 'shutdown', problem: 'shutting down' },
        { field: 'database', problem: 'x' },
      ],
    ],
    ['shutting down, no error map at all', { status: 'shutting_down' }, false, [{ field: 'shutdown', problem: 'shutting down' }]],
  ])('%s', (_name, body, shuttingDown, expected) => {
    expect(readinessProblems(body, shuttingDown)).toEqual(expected);
  });
});
