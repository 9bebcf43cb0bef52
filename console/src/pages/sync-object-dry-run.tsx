/**
 * The sync object's dry run: the plan of its next run, written nowhere (`POST /api/sync-objects/:id/dry-run`):
 * counts per action both ways, what the guard would say, the receive note or error, and the items page by page.
 * Where receiving would make the external system drop items (422 DRY_RUN.RECEIVE_WOULD_DROP) the API's
 * message is shown, with the choice of planning only the sending.
 */
import { useState } from 'preact/hooks';
import { ApiError, client, ok, type Schemas } from '../api/client';
import { Async, Notice } from '../components/page';
import { OffsetPager } from '../components/pager';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { useLoad } from '../lib/hooks';

type DryRun = Schemas['DryRunResponse'];
type Item = Schemas['DryRunItemResponse'];

const PAGE = 20;

/** A plan value as the API gave it (JSON for anything but text). */
const shown = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** `request` counts the user's "Dry run" clicks: nothing is planned before the first. */
export function DryRunTab({ objectId, request }: { objectId: number; request: number }) {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const [receive, setReceive] = useState(true);
  const plan = useLoad(async () => {
    if (request === 0) return null;
    try {
      return await ok(
        client.POST('/api/sync-objects/{id}/dry-run', {
          params: { path: { id: objectId }, query: { limit: PAGE, offset } },
          body: { receive },
        }),
      );
    } catch (error) {
      // Not a failure of the console: the API says why it will not receive here.
      if (error instanceof ApiError && error.status === 422) return error;
      throw error;
    }
  }, [objectId, request, offset, receive]);
  if (request === 0) return <p class="hint">{t('dry.hint')}</p>;
  return (
    <Async state={plan}>
      {(answer) =>
        answer instanceof ApiError ? (
          <div data-testid="dry-run">
            <Notice tone="warn">{answer.message}</Notice>
            {receive && (
              <button type="button" class="secondary" onClick={() => (setOffset(0), setReceive(false))}>
                {t('dry.sendOnly')}
              </button>
            )}
          </div>
        ) : answer === null ? null : (
          <DryRunView plan={answer} offset={offset} onOffset={setOffset} />
        )
      }
    </Async>
  );
}

function DryRunView({ plan, offset, onOffset }: { plan: DryRun; offset: number; onOffset(offset: number): void }) {
  const { t, number } = useI18n();
  const { receive, send } = plan;
  const counts = (values: Record<string, number>) =>
    Object.entries(values).map(([action, count]) => (
      <div>
        <dt>{t(`dry.action.${action}` as MessageKey)}</dt>
        <dd>{number(count)}</dd>
      </div>
    ));
  return (
    <div data-testid="dry-run">
      <p class="muted">{t('dry.nothingWritten')}</p>
      <h3>{t('dry.receive')}</h3>
      {receive.performed ? (
        <dl class="facts" data-testid="dry-receive-counts">
          {counts(receive.counts)}
        </dl>
      ) : (
        <p class="muted">{t('dry.notReceived')}</p>
      )}
      {receive.note && <p class="hint">{receive.note}</p>}
      {receive.error && (
        <p class="form-error" role="alert">
          {t('dry.receiveError', { message: receive.error })}
        </p>
      )}
      {receive.guard === null ? (
        <p class="muted">{t('dry.noGuard')}</p>
      ) : receive.guard.held ? (
        <Notice tone="warn">{t('dry.guardHeld', { reason: receive.guard.reason ?? '' })}</Notice>
      ) : (
        <Notice>{t('dry.guardPasses')}</Notice>
      )}
      <h3>{t('dry.send')}</h3>
      {send.performed ? (
        <dl class="facts" data-testid="dry-send-counts">
          {counts(send.counts)}
        </dl>
      ) : (
        <p class="muted">{t('dry.notSent')}</p>
      )}
      <h3>{t('dry.items')}</h3>
      <DataTable<Item>
        testId="dry-items"
        rows={plan.items}
        rowKey={(item) => `${item.direction}-${item.index}`}
        columns={[
          { label: t('dry.direction'), cell: (item) => t(`dry.${item.direction}` as MessageKey) },
          { label: t('dry.actionLabel'), cell: (item) => t(`dry.action.${item.action}` as MessageKey) },
          { label: t('dry.externalId'), cell: (item) => item.externalId ?? '—' },
          { label: t('dry.recordId'), cell: (item) => item.recordId ?? '—' },
          { label: t('dry.what'), cell: (item) => <ItemDetail item={item} /> },
        ]}
      />
      <OffsetPager total={plan.total} offset={offset} pageSize={PAGE} onOffset={onOffset} />
    </div>
  );
}

function ItemDetail({ item }: { item: Item }) {
  if (item.reason) return <span class="warn-text">{item.reason}</span>;
  if (item.changes.length)
    return (
      <ul class="changes">
        {item.changes.map((change) => (
          <li>
            <code>{change.field}</code>: {shown(change.old)} → {shown(change.new)}
          </li>
        ))}
      </ul>
    );
  if (item.body) return <code>{JSON.stringify(item.body.values)}</code>;
  return <span class="muted">—</span>;
}
