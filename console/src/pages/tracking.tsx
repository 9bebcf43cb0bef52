/** Record tracking: "was X synced, and if not, why?" — a record's change-log rows, outbox rows and sync state. */
import { useState } from 'preact/hooks';
import { client, ok } from '../api/client';
import { listOdooModels, listSyncObjects, namesById, outboxPage } from '../api/queries';
import type { OutboxRow, SyncObject } from '../api/views';
import { JsonView } from '../components/copy';
import { Async, Badge, PageHeader, Section } from '../components/page';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../lib/hooks';
import { navigate, toQuery, type Route } from '../lib/router';
import { ChangeLogTable, useChangeLog } from './change-log';

interface SyncState {
  syncObjectId: number;
  recordId: number;
  externalId: string | null;
  existsRemote: boolean;
  syncedValues: Record<string, unknown> | null;
  syncedAt: string;
}

/** The record's Odoo id: given, or found through the change-log rows of its external id. */
async function resolveOdooId(model: string, odooId: string, externalId: string): Promise<number | null> {
  if (odooId) return Number(odooId);
  const page = await ok(client.GET('/api/change-log', { params: { query: { model, externalId, limit: 50 } } }));
  return page.items.find((row) => row.odooId)?.odooId ?? null;
}

async function loadTrail(model: string, odooId: number | null, objects: SyncObject[]) {
  if (odooId === null) return { outbox: [] as OutboxRow[], states: [] as SyncState[] };
  const onModel = new Set(objects.filter((object) => object.odooModel === model).map((object) => object.id));
  const [outbox, states] = await Promise.all([
    outboxPage({ model, recordId: odooId, limit: 500 }),
    ok(client.GET('/api/outbox/sync-state', { params: { query: { recordId: odooId } } })),
  ]);
  return { outbox: outbox.items, states: states.filter((state) => onModel.has(state.syncObjectId)) };
}

export function TrackingPage({ route }: { route: Route }) {
  const { t } = useI18n();
  const model = route.query.get('model') ?? 'res.partner';
  const odooId = route.query.get('odooId') ?? '';
  const externalId = route.query.get('externalId') ?? '';
  const models = useLoad(listOdooModels, []);
  const [draft, setDraft] = useState({ model, odooId, externalId });
  const searched = odooId !== '' || externalId !== '';
  return (
    <>
      <PageHeader title={t('track.title')} />
      <form
        class="filters card"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(`#/tracking${toQuery(draft)}`);
        }}
      >
        <div class="field">
          <label for="track-model">{t('track.model')}</label>
          <select id="track-model" value={draft.model} onChange={(event) => setDraft({ ...draft, model: event.currentTarget.value })}>
            {(models.data ?? [{ name: model }]).map((m) => (
              <option value={m.name}>{m.name}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="track-odoo-id">{t('track.odooId')}</label>
          <input
            id="track-odoo-id"
            type="number"
            min={1}
            value={draft.odooId}
            onInput={(event) => setDraft({ ...draft, odooId: event.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="track-external-id">{t('track.externalId')}</label>
          <input
            id="track-external-id"
            value={draft.externalId}
            onInput={(event) => setDraft({ ...draft, externalId: event.currentTarget.value })}
          />
        </div>
        <button type="submit" class="primary" disabled={!draft.odooId && !draft.externalId}>
          {t('track.search')}
        </button>
      </form>
      {searched ? (
        <Trail key={route.query.toString()} model={model} odooId={odooId} externalId={externalId} />
      ) : (
        <p class="muted">{t('track.hint')}</p>
      )}
    </>
  );
}

function Trail(props: { model: string; odooId: string; externalId: string }) {
  const { t, date } = useI18n();
  const objects = useLoad(listSyncObjects, []);
  const resolved = useLoad(() => resolveOdooId(props.model, props.odooId, props.externalId), []);
  const logFilter: Record<string, string> = {
    model: props.model,
    ...(props.odooId ? { odooId: props.odooId } : { externalId: props.externalId }),
  };
  const log = useChangeLog(logFilter);
  const trail = useLoad(
    async () => (objects.data && resolved.data !== undefined ? loadTrail(props.model, resolved.data, objects.data) : undefined),
    [objects.data, resolved.data],
  );
  const name = namesById(objects.data);
  return (
    <>
      <Section title={t('track.log')}>
        <ChangeLogTable state={log} />
      </Section>
      <Section title={t('track.outbox')}>
        <Async state={trail}>
          {(data) => (
            <DataTable<OutboxRow>
              testId="trail-outbox"
              rows={data?.outbox ?? []}
              rowKey={(row) => row.id}
              columns={[
                { label: '#', cell: (row) => row.id },
                { label: t('runs.object'), cell: (row) => name(row.syncObjectId) },
                { label: t('common.status'), cell: (row) => <Badge prefix="status" value={row.status} /> },
                { label: t('track.attempts'), class: 'num', cell: (row) => row.attempts },
                {
                  label: t('track.answer'),
                  cell: (row) => [row.lastHttpStatus, row.lastError].filter((part) => part !== null).join(' · '),
                },
                { label: t('log.syncedAt'), cell: (row) => date(row.deliveredAt ?? row.nextAttemptAt) },
              ]}
            />
          )}
        </Async>
      </Section>
      <Section title={t('track.state')}>
        <Async state={trail}>
          {(data) =>
            data && data.states.length > 0 ? (
              <DataTable<SyncState>
                testId="trail-state"
                rows={data.states}
                rowKey={(row) => row.syncObjectId}
                columns={[
                  { label: t('runs.object'), cell: (row) => name(row.syncObjectId) },
                  { label: t('track.externalId'), cell: (row) => row.externalId ?? '—' },
                  { label: t('log.syncedAt'), cell: (row) => date(row.syncedAt) },
                  { label: t('track.syncedValues'), cell: (row) => <JsonView value={row.syncedValues} /> },
                ]}
              />
            ) : (
              <p class="muted">{t('track.noState')}</p>
            )
          }
        </Async>
      </Section>
    </>
  );
}
