/** Home: per sync object its state and last 24 h, per web service its delivery health. Everything links to the detail. */
import { client, ok } from '../api/client';
import { listAlerts, listSyncObjects, listWebServices, outboxPage, runsPage } from '../api/queries';
import type { Alert, SyncObject, SyncRun } from '../api/views';
import { HourlyChart, type HourBucket } from '../components/chart';
import { Async, Badge, PageHeader, Section } from '../components/page';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { useLoad } from '../lib/hooks';
import { toQuery } from '../lib/router';
import { AlertSummary } from './alerts';

interface ObjectSummary {
  object: SyncObject;
  lastRun: SyncRun | undefined;
  pending: number;
  dead: number;
  failures24h: number;
  buckets: HourBucket[];
}

async function summarize(object: SyncObject): Promise<ObjectSummary> {
  const [runs, pending, dead, hourly] = await Promise.all([
    runsPage({ syncObjectId: object.id, limit: 1 }),
    outboxPage({ syncObjectId: object.id, status: 'pending', limit: 1 }),
    outboxPage({ syncObjectId: object.id, status: 'dead', limit: 1 }),
    ok(client.GET('/api/change-log/hourly', { params: { query: { syncObjectId: object.id } } })),
  ]);
  const buckets = hourly.buckets.map((bucket) => ({ hour: bucket.hour, applied: bucket.success, failed: bucket.failed }));
  return {
    object,
    lastRun: runs.items[0],
    pending: pending.total,
    dead: dead.total,
    failures24h: buckets.reduce((sum, bucket) => sum + bucket.failed, 0),
    buckets,
  };
}

async function loadOverview() {
  const [objects, services, alerts] = await Promise.all([listSyncObjects(), listWebServices(), listAlerts()]);
  const [summaries, healths] = await Promise.all([
    Promise.all(objects.map(summarize)),
    Promise.all(services.map((service) => ok(client.GET('/api/web-services/{id}', { params: { path: { id: service.id } } })))),
  ]);
  return { summaries, healths, alerts };
}

/** The alert state of one subject, linking to the alerts page. */
function AlertCell({ alerts, kind, id }: { alerts: Alert[]; kind: Alert['kind']; id: number }) {
  const alert = alerts.find((a) => a.kind === kind && a.id === id);
  return alert ? (
    <a href="#/alerts">
      <Badge prefix="level" value={alert.level} />
    </a>
  ) : (
    <>—</>
  );
}

export function Overview() {
  const { t, date, number } = useI18n();
  const state = useLoad(loadOverview, []);
  return (
    <>
      <PageHeader title={t('overview.title')} />
      <Async state={state}>
        {({ summaries, healths, alerts }) => (
          <>
            <AlertSummary alerts={alerts} link />
            <Section title={t('overview.objects')}>
              {summaries.length === 0 ? (
                <p class="muted">{t('overview.empty')}</p>
              ) : (
                <DataTable
                  testId="overview-objects"
                  rows={summaries}
                  rowKey={(row) => row.object.id}
                  columns={[
                    { label: t('common.name'), cell: (row) => <a href={`#/sync-objects/${row.object.id}`}>{row.object.name}</a> },
                    { label: t('overview.alert'), cell: (row) => <AlertCell alerts={alerts} kind="sync-object" id={row.object.id} /> },
                    { label: t('so.direction'), cell: (row) => t(`direction.${row.object.direction}` as MessageKey) },
                    { label: t('so.mode'), cell: (row) => t(`mode.${row.object.mode}` as MessageKey) },
                    {
                      label: t('overview.lastRun'),
                      cell: (row) =>
                        row.lastRun ? (
                          <a href={`#/runs/${row.lastRun.id}`}>
                            <Badge prefix="status" value={row.lastRun.status} /> {date(row.lastRun.startedAt)} ·{' '}
                            {number(row.lastRun.counts.applied)}/{number(row.lastRun.counts.received)}
                          </a>
                        ) : (
                          <span class="muted">{t('overview.noRuns')}</span>
                        ),
                    },
                    { label: t('overview.nextRun'), cell: (row) => (row.object.mode === 'cron' ? date(row.object.nextRunAt) : '—') },
                    { label: t('overview.pending'), class: 'num', cell: (row) => number(row.pending) },
                    {
                      label: t('overview.dead'),
                      class: 'num',
                      cell: (row) =>
                        row.dead > 0 ? <a href={`#/errors${toQuery({ syncObjectId: row.object.id })}`}>{number(row.dead)}</a> : '0',
                    },
                    {
                      label: t('overview.failures24h'),
                      class: 'num',
                      cell: (row) =>
                        row.failures24h > 0 ? (
                          <a href={`#/change-log${toQuery({ syncObjectId: row.object.id, status: 'failed' })}`}>
                            {number(row.failures24h)}
                          </a>
                        ) : (
                          '0'
                        ),
                    },
                    {
                      label: t('overview.chart'),
                      cell: (row) => (
                        <HourlyChart
                          buckets={row.buckets}
                          label={t('overview.chartLabel', {
                            name: row.object.name,
                            applied: row.buckets.reduce((sum, bucket) => sum + bucket.applied, 0),
                            failed: row.failures24h,
                          })}
                        />
                      ),
                    },
                  ]}
                />
              )}
            </Section>
            <Section title={t('overview.services')}>
              <DataTable
                testId="overview-services"
                rows={healths}
                rowKey={(row) => row.id}
                columns={[
                  { label: t('common.name'), cell: (row) => <a href={`#/web-services/${row.id}`}>{row.name}</a> },
                  { label: t('overview.alert'), cell: (row) => <AlertCell alerts={alerts} kind="web-service" id={row.id} /> },
                  { label: t('overview.health'), cell: (row) => (row.health ? <Badge prefix="health" value={row.health.status} /> : '—') },
                  { label: t('overview.failuresInRow'), class: 'num', cell: (row) => number(row.health?.consecutiveFailures ?? 0) },
                  { label: t('overview.pending'), class: 'num', cell: (row) => number(row.health?.pendingCount ?? 0) },
                  {
                    label: t('overview.lastError'),
                    cell: (row) => (row.health?.lastError ? `${row.health.lastError} (${date(row.health.lastErrorAt)})` : '—'),
                  },
                ]}
              />
            </Section>
          </>
        )}
      </Async>
    </>
  );
}
