/** Runs: the list with filters, and one run's page (counts, progress, live while running, its change-log rows). */
import { client, ok } from '../api/client';
import { listSyncObjects, namesById, runsPage } from '../api/queries';
import type { SyncRun } from '../api/views';
import { enumOptions, FilterBar, objectFilter, queryValues } from '../components/filters';
import { Async, Badge, PageHeader, Section } from '../components/page';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { useInterval, useLoad } from '../lib/hooks';
import { toQuery, type Route } from '../lib/router';
import { ChangeLogTable, useChangeLog } from './change-log';
import { HoldText, ReleaseButton, ReleaseOutcomeView, useRelease } from './run-release';

const FILTERS = ['syncObjectId', 'status', 'trigger'];

export function RunsPage({ route }: { route: Route }) {
  const { t, date, number } = useI18n();
  const values = queryValues(route.query, FILTERS);
  const objects = useLoad(listSyncObjects, []);
  const runs = useLoad(
    () =>
      runsPage({
        syncObjectId: values.syncObjectId ? Number(values.syncObjectId) : undefined,
        status: values.status as SyncRun['status'] | undefined,
        trigger: values.trigger as SyncRun['trigger'] | undefined,
        limit: 100,
      }),
    [route.query.toString()],
  );
  const name = namesById(objects.data);
  const { outcome, release } = useRelease(runs.reload);
  return (
    <>
      <PageHeader title={t('runs.title')} />
      <ReleaseOutcomeView outcome={outcome} />
      <FilterBar
        key={route.query.toString()}
        base="#/runs"
        values={values}
        defs={[
          objectFilter(t('runs.object'), objects.data),
          {
            key: 'status',
            label: t('common.status'),
            options: enumOptions(t, 'status', ['running', 'success', 'partial', 'failed', 'held']),
          },
          { key: 'trigger', label: t('runs.trigger'), options: enumOptions(t, 'trigger', ['cron', 'manual']) },
        ]}
      />
      <section class="card">
        <Async state={runs}>
          {(page) => (
            <>
              <p class="muted">{t('common.total', { count: page.total })}</p>
              <DataTable
                testId="runs"
                rows={page.items}
                rowKey={(run) => run.id}
                columns={[
                  { label: '#', cell: (run) => <a href={`#/runs/${run.id}`}>{t('runs.run', { id: run.id })}</a> },
                  { label: t('runs.object'), cell: (run) => name(run.syncObjectId) },
                  { label: t('common.status'), cell: (run) => <Badge prefix="status" value={run.status} /> },
                  { label: t('runs.trigger'), cell: (run) => t(`trigger.${run.trigger}` as MessageKey) },
                  { label: t('runs.started'), cell: (run) => date(run.startedAt) },
                  { label: t('runs.received'), class: 'num', cell: (run) => number(run.counts.received) },
                  { label: t('runs.applied'), class: 'num', cell: (run) => number(run.counts.applied) },
                  { label: t('runs.failed'), class: 'num', cell: (run) => number(run.counts.failed) },
                  { label: t('runs.sent'), class: 'num', cell: (run) => number(run.counts.sent) },
                  { label: t('runs.error'), cell: (run) => run.error ?? '' },
                  { label: t('runs.hold'), cell: (run) => <HoldText run={run} /> },
                  {
                    label: t('common.actions'),
                    cell: (run) => run.status === 'held' && <ReleaseButton run={run} onRelease={release} />,
                  },
                ]}
              />
            </>
          )}
        </Async>
      </section>
    </>
  );
}

export function RunPage({ id }: { id: number }) {
  const { t, date, number } = useI18n();
  const run = useLoad(() => ok(client.GET('/api/sync-runs/{id}', { params: { path: { id } } })), [id]);
  const objects = useLoad(listSyncObjects, []);
  const running = run.data?.status === 'running';
  useInterval(run.reload, 1000, running);
  const name = namesById(objects.data);
  const { outcome, release } = useRelease(run.reload);
  return (
    <>
      <PageHeader title={t('runs.run', { id })} crumb={{ href: '#/runs', label: t('runs.title') }}>
        {run.data?.status === 'held' && <ReleaseButton run={run.data} onRelease={release} />}
      </PageHeader>
      <ReleaseOutcomeView outcome={outcome} />
      <Async state={run}>
        {(data) => (
          <>
            <Section title={name(data.syncObjectId)} actions={<Badge prefix="status" value={data.status} />}>
              {running && (
                <p class="muted" role="status">
                  {t('runs.live')}
                </p>
              )}
              <dl class="facts" data-testid="run-counts">
                {(['received', 'applied', 'failed', 'confirmed', 'sent'] as const).map((key) => (
                  <div>
                    <dt>{t(`runs.${key}`)}</dt>
                    <dd>{number(data.counts[key])}</dd>
                  </div>
                ))}
                <div>
                  <dt>{t('runs.trigger')}</dt>
                  <dd>{t(`trigger.${data.trigger}` as MessageKey)}</dd>
                </div>
                <div>
                  <dt>{t('runs.started')}</dt>
                  <dd>{date(data.startedAt)}</dd>
                </div>
                <div>
                  <dt>{t('runs.finished')}</dt>
                  <dd>{date(data.finishedAt)}</dd>
                </div>
                {data.progress && (
                  <div>
                    <dt>{t('runs.progress')}</dt>
                    <dd>
                      {data.progress.phase} · {number(data.progress.batches)} {data.progress.message ?? ''}
                    </dd>
                  </div>
                )}
              </dl>
              {data.hold && (
                <p data-testid="run-hold" class={data.status === 'held' ? 'warn-text' : undefined}>
                  {t('runs.hold')}: <HoldText run={data} />
                </p>
              )}
              {data.guardBypassed && <p class="muted">{t('runs.guardBypassed')}</p>}
              {data.error && (
                <p class="form-error">
                  {t('runs.error')}: {data.error}
                </p>
              )}
            </Section>
            <RunRows run={data} />
          </>
        )}
      </Async>
    </>
  );
}

/** The run's change-log rows: its object's rows of its trigger between its start and end. */
function RunRows({ run }: { run: SyncRun }) {
  const { t } = useI18n();
  const filter = {
    syncObjectId: String(run.syncObjectId),
    trigger: run.trigger,
    from: run.startedAt,
    ...(run.finishedAt ? { to: run.finishedAt } : {}),
  };
  const log = useChangeLog(filter, run.status + run.counts.received + run.counts.sent);
  return (
    <Section title={t('runs.rows')} actions={<a href={`#/change-log${toQuery(filter)}`}>{t('nav.changeLog')}</a>}>
      <ChangeLogTable state={log} />
    </Section>
  );
}
