/**
 * The error inbox: failed inbound items, dead and retrying outbox rows, failed runs — grouped by object and
 * error message, with retry per row, bulk retry of a group (count shown first) and a link to each record's trail.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { client, ok } from '../api/client';
import { listSyncObjects, namesById, outboxPage, runsPage } from '../api/queries';
import type { ChangeLogEntry, OutboxRow, SyncRun } from '../api/views';
import { ConfirmButton } from '../components/confirm';
import { Async, Badge, Notice, PageHeader, Section } from '../components/page';
import { DataTable, type Column } from '../components/table';
import { useI18n, type I18n } from '../i18n/i18n';
import { useLoad } from '../lib/hooks';
import { toQuery, type Route } from '../lib/router';

interface Group<R> {
  key: string;
  syncObjectId: number | null;
  message: string;
  rows: R[];
}

/** Rows grouped by sync object and error message, biggest group first. */
export function groupBy<R>(rows: R[], objectOf: (row: R) => number | null, messageOf: (row: R) => string | null): Group<R>[] {
  const groups = new Map<string, Group<R>>();
  for (const row of rows) {
    const syncObjectId = objectOf(row);
    const message = messageOf(row) ?? '—';
    const key = `${syncObjectId}|${message}`;
    const group = groups.get(key) ?? { key, syncObjectId, message, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.rows.length - a.rows.length);
}

async function loadInbox(syncObjectId: number | undefined) {
  const [inbound, dead, pending, runs] = await Promise.all([
    ok(
      client.GET('/api/change-log', {
        params: { query: { status: 'failed', direction: 'external_to_odoo', syncObjectId, limit: 200 } },
      }),
    ),
    outboxPage({ status: 'dead', syncObjectId, limit: 500 }),
    outboxPage({ status: 'pending', syncObjectId, limit: 500 }),
    runsPage({ status: 'failed', syncObjectId, limit: 50 }),
  ]);
  const retrying = pending.items.filter((row) => row.attempts > 0);
  return { inbound: inbound.items, outbox: [...dead.items, ...retrying], runs: runs.items };
}

const trailHref = (model: string | null, odooId: number | null, externalId: string | null) =>
  `#/tracking${toQuery({ model, ...(odooId ? { odooId } : { externalId }) })}`;

/** What "retry every dead row" would move, asked of the API first (`preview: true` moves nothing). */
async function previewRetry(syncObjectId: number | undefined, t: I18n['t'], name: (id: number | null) => string) {
  const preview = await ok(client.POST('/api/outbox/retry', { body: { preview: true, syncObjectId } }));
  const rows = preview.items ?? [];
  const count = preview.wouldRetry ?? 0;
  return (
    <>
      <p>{t('errors.retryPreview', { count })}</p>
      {rows.length > 0 && (
        <DataTable
          testId="retry-preview"
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            { label: '#', cell: (row) => row.id },
            { label: t('runs.object'), cell: (row) => name(row.syncObjectId) },
            { label: t('track.model'), cell: (row) => `${row.model} ${row.recordId ?? ''}` },
            { label: t('track.externalId'), cell: (row) => row.externalId ?? '—' },
            { label: t('runs.error'), cell: (row) => row.lastError ?? '' },
          ]}
        />
      )}
      {count > rows.length && <p class="muted">{t('errors.retryMore', { count: count - rows.length })}</p>}
    </>
  );
}

export function ErrorsPage({ route }: { route: Route }) {
  const { t, date } = useI18n();
  const filterId = route.query.get('syncObjectId');
  const syncObjectId = filterId ? Number(filterId) : undefined;
  const objects = useLoad(listSyncObjects, []);
  const inbox = useLoad(() => loadInbox(syncObjectId), [syncObjectId]);
  const [notice, setNotice] = useState<string | null>(null);
  const name = namesById(objects.data);
  const retry = async (rows: OutboxRow[]) => {
    let count = 0;
    for (const row of rows) {
      await ok(client.POST('/api/outbox/{id}/retry', { params: { path: { id: row.id } } }));
      count++;
    }
    setNotice(t('errors.retried', { count }));
    inbox.reload();
  };
  const retryAll = async () => {
    const answer = await ok(client.POST('/api/outbox/retry', { body: { preview: false, syncObjectId } }));
    setNotice(t('errors.retried', { count: answer.retried }));
    inbox.reload();
  };
  const groupTitle = (group: Group<unknown>) =>
    `${name(group.syncObjectId)} — ${t('errors.group', { count: group.rows.length, message: group.message })}`;
  return (
    <>
      <PageHeader title={t('errors.title')}>
        <ConfirmButton label={t('errors.retryAll')} message={() => previewRetry(syncObjectId, t, name)} onConfirm={retryAll} />
      </PageHeader>
      {notice && <Notice>{notice}</Notice>}
      <Async state={inbox}>
        {(data) => (
          <>
            {data.inbound.length + data.outbox.length + data.runs.length === 0 && <Notice>{t('errors.empty')}</Notice>}
            <Groups<OutboxRow>
              title={t('errors.outbox')}
              groups={groupBy(
                data.outbox,
                (row) => row.syncObjectId,
                (row) => row.lastError,
              )}
              groupTitle={groupTitle}
              actions={(group) => {
                const dead = group.rows.filter((row) => row.status === 'dead');
                return dead.length > 0 ? (
                  <ConfirmButton
                    label={t('errors.retryGroup')}
                    message={t('errors.retryConfirm', { count: dead.length, object: name(group.syncObjectId) })}
                    onConfirm={() => retry(dead)}
                  />
                ) : null;
              }}
              columns={[
                { label: '#', cell: (row) => row.id },
                { label: t('common.status'), cell: (row) => <Badge prefix="status" value={row.status} /> },
                { label: t('track.attempts'), class: 'num', cell: (row) => row.attempts },
                { label: t('track.answer'), cell: (row) => row.lastHttpStatus ?? '' },
                { label: t('log.syncedAt'), cell: (row) => date(row.nextAttemptAt) },
                {
                  label: t('common.actions'),
                  cell: (row) => (
                    <span class="actions">
                      {row.status === 'dead' && (
                        <button
                          type="button"
                          class="secondary small"
                          onClick={() => retry([row])}
                          aria-label={`${t('common.retry')} #${row.id}`}
                        >
                          {t('common.retry')}
                        </button>
                      )}
                      <a href={trailHref(row.model, row.recordId, row.externalId)}>{t('common.trail')}</a>
                    </span>
                  ),
                },
              ]}
            />
            <Groups<ChangeLogEntry>
              title={t('errors.inbound')}
              groups={groupBy(
                data.inbound,
                (row) => row.syncObjectId ?? null,
                (row) => row.errorMessage,
              )}
              groupTitle={groupTitle}
              columns={[
                { label: t('log.externalId'), cell: (row) => row.externalId ?? '' },
                { label: t('log.title_'), cell: (row) => row.title ?? '' },
                { label: t('log.syncedAt'), cell: (row) => date(row.syncedAt) },
                {
                  label: t('common.actions'),
                  cell: (row) => <a href={trailHref(row.model, row.odooId, row.externalId)}>{t('common.trail')}</a>,
                },
              ]}
            />
            <Groups<SyncRun>
              title={t('errors.runs')}
              groups={groupBy(
                data.runs,
                (row) => row.syncObjectId,
                (row) => row.error,
              )}
              groupTitle={groupTitle}
              columns={[
                { label: '#', cell: (row) => <a href={`#/runs/${row.id}`}>{t('runs.run', { id: row.id })}</a> },
                { label: t('runs.trigger'), cell: (row) => t(`trigger.${row.trigger}`) },
                { label: t('runs.started'), cell: (row) => date(row.startedAt) },
              ]}
            />
          </>
        )}
      </Async>
    </>
  );
}

function Groups<R extends { id: number }>(props: {
  title: string;
  groups: Group<R>[];
  groupTitle(group: Group<R>): string;
  columns: Column<R>[];
  actions?: (group: Group<R>) => ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <Section title={props.title}>
      {props.groups.length === 0 && <p class="muted">{t('common.none')}</p>}
      {props.groups.map((group) => (
        <div class="group" key={group.key}>
          <div class="card-head">
            <h3>{props.groupTitle(group)}</h3>
            {props.actions?.(group)}
          </div>
          <DataTable rows={group.rows} rowKey={(row) => row.id} columns={props.columns} />
        </div>
      ))}
    </Section>
  );
}
