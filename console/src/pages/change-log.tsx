/** Change control: the seed's 12 columns, filters, keyset pages, values as formatted JSON, CSV export of the filter. */
import { useEffect, useState } from 'preact/hooks';
import { client, download, ok } from '../api/client';
import { listSyncObjects } from '../api/queries';
import type { ChangeLogEntry } from '../api/views';
import { JsonView } from '../components/copy';
import { enumOptions, FilterBar, objectFilter, queryValues } from '../components/filters';
import { Async, Badge, ErrorText, PageHeader } from '../components/page';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { useLoad, type Loaded } from '../lib/hooks';
import type { Route } from '../lib/router';

const FILTERS = ['syncObjectId', 'direction', 'action', 'status', 'trigger', 'from', 'to', 'externalId', 'odooId', 'model', 'q'];

type Page = { items: ChangeLogEntry[]; total: number; totalIsEstimate: boolean; nextBeforeId: number | null };

export interface ChangeLogState extends Loaded<Page> {
  /** Cursors of the pages before this one (keyset: "previous" walks back this stack). */
  back(): void;
  next(): void;
  hasBack: boolean;
}

/** datetime-local filter values are local times; the API wants instants. */
function toApiQuery(filter: Record<string, string>): Record<string, string> {
  const query = { ...filter };
  for (const key of ['from', 'to']) if (query[key] && !query[key].endsWith('Z')) query[key] = new Date(query[key]).toISOString();
  return query;
}

export function useChangeLog(filter: Record<string, string>, refreshKey: unknown = null): ChangeLogState {
  const [cursors, setCursors] = useState<number[]>([]);
  const beforeId = cursors[cursors.length - 1];
  const key = JSON.stringify(filter);
  useEffect(() => setCursors([]), [key]);
  const state = useLoad(
    () =>
      ok(
        client.GET('/api/change-log', {
          params: { query: { ...toApiQuery(filter), limit: 50, ...(beforeId ? { beforeId } : {}) } as never },
        }),
      ),
    [key, beforeId, refreshKey],
  );
  return {
    ...state,
    hasBack: cursors.length > 0,
    back: () => setCursors(cursors.slice(0, -1)),
    next: () => state.data?.nextBeforeId && setCursors([...cursors, state.data.nextBeforeId]),
  };
}

export function ChangeLogTable({ state }: { state: ChangeLogState }) {
  const { t, date, number } = useI18n();
  return (
    <Async state={state}>
      {(page) => (
        <>
          <p class="muted">{t('common.total', { count: page.totalIsEstimate ? `≥ ${number(page.total)}` : page.total })}</p>
          <DataTable<ChangeLogEntry>
            testId="change-log"
            rows={page.items}
            rowKey={(row) => row.id}
            columns={[
              { label: t('log.direction'), cell: (row) => t(`trace.${row.direction}` as MessageKey) },
              { label: t('log.action'), cell: (row) => t(`action.${row.action}` as MessageKey) },
              { label: t('log.externalId'), cell: (row) => row.externalId ?? '' },
              {
                label: t('log.odooId'),
                cell: (row) =>
                  row.odooId ? (
                    <a href={`#/tracking?model=${encodeURIComponent(row.model ?? '')}&odooId=${row.odooId}`}>{row.odooId}</a>
                  ) : (
                    ''
                  ),
              },
              { label: t('log.name'), cell: (row) => row.name },
              { label: t('log.title_'), cell: (row) => row.title ?? '' },
              { label: t('log.originValues'), cell: (row) => <JsonView value={row.originValues} /> },
              { label: t('log.destinationValues'), cell: (row) => <JsonView value={row.destinationValues} /> },
              { label: t('log.modifiedAt'), cell: (row) => date(row.modifiedAt) },
              { label: t('log.syncedAt'), cell: (row) => date(row.syncedAt) },
              { label: t('log.status'), cell: (row) => <Badge prefix="status" value={row.status} /> },
              { label: t('log.errorMessage'), cell: (row) => row.errorMessage ?? '' },
            ]}
          />
          <div class="pager">
            <button type="button" class="secondary" disabled={!state.hasBack} onClick={state.back}>
              {t('common.first')}
            </button>
            <button type="button" class="secondary" disabled={!page.nextBeforeId} onClick={state.next}>
              {t('common.next')}
            </button>
          </div>
        </>
      )}
    </Async>
  );
}

export function ChangeLogPage({ route }: { route: Route }) {
  const { t } = useI18n();
  const values = queryValues(route.query, FILTERS);
  const objects = useLoad(listSyncObjects, []);
  const state = useChangeLog(values);
  const [error, setError] = useState<unknown>(null);
  const exportCsv = async () => {
    setError(null);
    try {
      await download('/api/change-log/export.csv', toApiQuery(values), 'change-log.csv');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <PageHeader title={t('log.title')}>
        <button type="button" class="secondary" onClick={exportCsv}>
          {t('log.export')}
        </button>
      </PageHeader>
      {error !== null && <ErrorText error={error} />}
      <FilterBar
        key={route.query.toString()}
        base="#/change-log"
        values={values}
        defs={[
          objectFilter(t('runs.object'), objects.data),
          { key: 'direction', label: t('log.direction'), options: enumOptions(t, 'trace', ['external_to_odoo', 'odoo_to_external']) },
          { key: 'action', label: t('log.action'), options: enumOptions(t, 'action', ['create', 'write', 'unlink']) },
          { key: 'status', label: t('log.status'), options: enumOptions(t, 'status', ['success', 'failed']) },
          { key: 'from', label: t('log.from'), type: 'datetime-local' },
          { key: 'to', label: t('log.to'), type: 'datetime-local' },
          { key: 'externalId', label: t('log.externalId') },
          { key: 'odooId', label: t('log.odooId'), type: 'number' },
          { key: 'q', label: t('log.q') },
        ]}
      />
      <section class="card">
        <ChangeLogTable state={state} />
      </section>
    </>
  );
}
