/** What a failed terminus check becomes in HEALTH.NOT_READY: one `{field, problem}` per failing check. */
export interface ReadinessProblem {
  field: string;
  problem: string;
}

/** Terminus' 503 body: `error` holds the failing checks; `status` is 'shutting_down' once its own shutdown hook ran. */
export interface TerminusFailure {
  status?: string;
  error?: Record<string, { message?: string } | undefined>;
}

/**
 * The failing checks of a terminus answer. A check that started before SIGTERM may still say
 * `shutdown` is up while terminus already answers 'shutting_down' with no failing check at all:
 * the instance is shutting down either way, so that is always named.
 */
export function readinessProblems(body: TerminusFailure, shuttingDown: boolean): ReadinessProblem[] {
  const problems = Object.entries(body.error ?? {}).map(([field, check]) => ({ field, problem: check?.message ?? 'down' }));
  if ((shuttingDown || body.status === 'shutting_down') && !problems.some((p) => p.field === 'shutdown')) {
    problems.unshift({ field: 'shutdown', problem: 'shutting down' });
  }
  return problems;
}
