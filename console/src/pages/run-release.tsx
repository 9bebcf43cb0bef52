/**
 * Releasing a held run (`POST /api/sync-runs/:id/release`), after a confirmation: it applies exactly the
 * items the run kept, once. The page says what came of it — the run's new status, or the API's 409
 * (already released, not held, the object running).
 */
import { useState } from 'preact/hooks';
import { client, ok } from '../api/client';
import type { SyncRun } from '../api/views';
import { ConfirmButton } from '../components/confirm';
import { ErrorText, Notice } from '../components/page';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';

export interface ReleaseOutcome {
  notice: string | null;
  error: unknown;
}

/** The outcome of the last release on a page, and the release action that sets it. */
export function useRelease(onDone: () => void) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<ReleaseOutcome>({ notice: null, error: null });
  const release = async (run: SyncRun) => {
    setOutcome({ notice: null, error: null });
    try {
      const released = await ok(client.POST('/api/sync-runs/{id}/release', { params: { path: { id: run.id } } }));
      setOutcome({ notice: t('runs.released', { id: released.id, status: t(`status.${released.status}` as MessageKey) }), error: null });
    } catch (error) {
      setOutcome({ notice: null, error });
    }
    onDone();
  };
  return { outcome, release };
}

export function ReleaseOutcomeView({ outcome }: { outcome: ReleaseOutcome }) {
  return (
    <>
      {outcome.notice && <Notice>{outcome.notice}</Notice>}
      {outcome.error !== null && <ErrorText error={outcome.error} />}
    </>
  );
}

export function ReleaseButton({ run, onRelease }: { run: SyncRun; onRelease(run: SyncRun): Promise<void> }) {
  const { t } = useI18n();
  return (
    <ConfirmButton
      label={t('runs.release')}
      message={t('runs.releaseConfirm', { id: run.id, reason: run.hold?.reason ?? '' })}
      onConfirm={() => onRelease(run)}
    />
  );
}

/** Why the run was held, and when and by whom it was released. */
export function HoldText({ run }: { run: SyncRun }) {
  const { t, date } = useI18n();
  if (!run.hold) return null;
  return (
    <span>
      {run.hold.reason}
      {run.hold.releasedAt && (
        <span class="muted"> · {t('runs.releasedBy', { at: date(run.hold.releasedAt), by: run.hold.releasedBy ?? '—' })}</span>
      )}
    </span>
  );
}
