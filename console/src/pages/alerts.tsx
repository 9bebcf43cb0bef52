/**
 * Alerts: per sync object and web service its state (ok / warning / critical), the rules that fired,
 * since when, and whether the alerts paused it; refreshed every few seconds. The count in the
 * navigation and the summary on the overview come from here too.
 */
import { listAlerts } from '../api/queries';
import type { Alert, AlertLevel } from '../api/views';
import { Async, Badge, Notice, PageHeader, Section } from '../components/page';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import { useInterval, useLoad } from '../lib/hooks';

const REFRESH_MS = 5000;
const RANK: Record<AlertLevel, number> = { critical: 0, warning: 1, ok: 2 };

export interface AlertCounts {
  critical: number;
  warning: number;
}

export function countAlerts(alerts: Alert[] | undefined): AlertCounts {
  const counts = { critical: 0, warning: 0 };
  for (const alert of alerts ?? []) if (alert.level !== 'ok') counts[alert.level]++;
  return counts;
}

const worstFirst = (alerts: Alert[]) => [...alerts].sort((a, b) => RANK[a.level] - RANK[b.level] || a.name.localeCompare(b.name));

export const subjectHref = (alert: Pick<Alert, 'kind' | 'id'>) =>
  alert.kind === 'sync-object' ? `#/sync-objects/${alert.id}` : `#/web-services/${alert.id}`;

/** The number of subjects that need attention, next to "Alerts" in the navigation (nothing when all are ok). */
export function AlertCount({ alerts }: { alerts: Alert[] | undefined }) {
  const { t } = useI18n();
  const { critical, warning } = countAlerts(alerts);
  if (critical + warning === 0) return null;
  return (
    <span class={`nav-count badge badge-${critical > 0 ? 'bad' : 'warn'}`} data-testid="alert-count">
      {critical + warning}
      <span class="sr-only"> {t('alerts.needAttention')}</span>
    </span>
  );
}

/** One line: everything ok, or how many are critical / warning (with a link to the page when not on it). */
export function AlertSummary({ alerts, link }: { alerts: Alert[]; link?: boolean }) {
  const { t } = useI18n();
  const { critical, warning } = countAlerts(alerts);
  if (critical + warning === 0) return <Notice>{t('alerts.allOk')}</Notice>;
  return (
    <Notice tone="warn">
      {t('alerts.summary', { critical, warning })}
      {link && (
        <>
          {' '}
          <a href="#/alerts">{t('alerts.see')}</a>
        </>
      )}
    </Notice>
  );
}

export function AlertsPage() {
  const { t } = useI18n();
  const alerts = useLoad(listAlerts, []);
  useInterval(alerts.reload, REFRESH_MS, true);
  return (
    <>
      <PageHeader title={t('alerts.title')}>
        <button type="button" class="secondary" onClick={alerts.reload}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <Async state={alerts}>
        {(items) => (
          <>
            <AlertSummary alerts={items} />
            <AlertTable title={t('alerts.objects')} testId="alerts-objects" rows={items.filter((a) => a.kind === 'sync-object')} />
            <AlertTable title={t('alerts.services')} testId="alerts-services" rows={items.filter((a) => a.kind === 'web-service')} />
          </>
        )}
      </Async>
      <p class="hint">{t('alerts.rules')}</p>
    </>
  );
}

function AlertTable(props: { title: string; testId: string; rows: Alert[] }) {
  const { t, date } = useI18n();
  return (
    <Section title={props.title}>
      <DataTable
        testId={props.testId}
        rows={worstFirst(props.rows)}
        rowKey={(row) => row.subject}
        columns={[
          { label: t('common.name'), cell: (row) => <a href={subjectHref(row)}>{row.name}</a> },
          { label: t('alerts.state'), cell: (row) => <Badge prefix="level" value={row.level} /> },
          {
            label: t('alerts.reasons'),
            cell: (row) =>
              row.reasons.length === 0 ? (
                '—'
              ) : (
                <ul class="plain">
                  {row.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              ),
          },
          { label: t('alerts.since'), cell: (row) => date(row.since) },
          {
            label: t('alerts.notes'),
            cell: (row) => (
              <>
                {row.autoPaused && <p class="warn-text">{t('alerts.autoPaused')}</p>}
                {row.notifyError && <p class="warn-text">{t('alerts.notifyError', { error: row.notifyError })}</p>}
              </>
            ),
          },
        ]}
      />
    </Section>
  );
}
