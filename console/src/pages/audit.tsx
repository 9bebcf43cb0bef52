/** The audit trail of admin writes (GET /api/audit), shown on the settings page: who changed what, when. */
import { useState } from 'preact/hooks';
import { client, ok, type Schemas } from '../api/client';
import { Async, Section } from '../components/page';
import { OffsetPager } from '../components/pager';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { useLoad } from '../lib/hooks';

type Entry = Schemas['AuditEntryResponse'];
type Query = { resourceType?: Entry['resourceType']; action?: Entry['action'] };

const RESOURCES: Entry['resourceType'][] = [
  'web-service',
  'sync-model',
  'sync-object',
  'api-key',
  'settings',
  'config',
  'outbox-row',
  'change-log',
  'record',
  'sync-run',
];
const ACTIONS: Entry['action'][] = [
  'create',
  'update',
  'delete',
  'import',
  'generate',
  'revoke',
  'retry',
  'release',
  'run',
  'resync',
  'purge',
];
const PAGE = 20;

/** A changed value as short text (secrets arrive only as "[secret]" or null). */
function shown(value: unknown): string {
  if (value === undefined) return '∅';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function AuditTrail() {
  const { t, date } = useI18n();
  const [query, setQuery] = useState<Query>({});
  const [offset, setOffset] = useState(0);
  const page = useLoad(
    () => ok(client.GET('/api/audit', { params: { query: { ...query, limit: PAGE, offset } } })),
    [query.resourceType, query.action, offset],
  );
  const filter = (patch: Query) => {
    setQuery({ ...query, ...patch });
    setOffset(0);
  };
  return (
    <Section title={t('audit.title')}>
      <p class="hint">{t('audit.hint')}</p>
      <div class="filters">
        <div class="field">
          <label for="audit-resource">{t('audit.resource')}</label>
          <select
            id="audit-resource"
            value={query.resourceType ?? ''}
            onChange={(event) => filter({ resourceType: (event.currentTarget.value || undefined) as Query['resourceType'] })}
          >
            <option value="">{t('common.all')}</option>
            {RESOURCES.map((resource) => (
              <option value={resource}>{t(`audit.resource.${resource}` as MessageKey)}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-action">{t('audit.action')}</label>
          <select
            id="audit-action"
            value={query.action ?? ''}
            onChange={(event) => filter({ action: (event.currentTarget.value || undefined) as Query['action'] })}
          >
            <option value="">{t('common.all')}</option>
            {ACTIONS.map((action) => (
              <option value={action}>{t(`audit.action.${action}` as MessageKey)}</option>
            ))}
          </select>
        </div>
      </div>
      <Async state={page}>
        {(data) => (
          <>
            <DataTable
              testId="audit"
              rows={data.items}
              rowKey={(row) => row.id}
              columns={[
                { label: t('audit.when'), cell: (row) => date(row.at) },
                {
                  label: t('audit.actor'),
                  cell: (row) => `${t(`audit.actor.${row.actor}` as MessageKey)}${row.client ? ` (${row.client})` : ''}`,
                },
                { label: t('audit.action'), cell: (row) => t(`audit.action.${row.action}` as MessageKey) },
                {
                  label: t('audit.resource'),
                  cell: (row) =>
                    `${t(`audit.resource.${row.resourceType}` as MessageKey)}${row.resourceId ? ` #${row.resourceId}` : ''}` +
                    (row.label ? ` · ${row.label}` : ''),
                },
                {
                  label: t('audit.changes'),
                  cell: (row) => (
                    <ul class="changes">
                      {Object.entries(row.diff).map(([field, change]) => (
                        <li>
                          <code>{field}</code>: {shown(change.from)} → {shown(change.to)}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
            <OffsetPager total={data.total} offset={offset} pageSize={PAGE} onOffset={setOffset} />
          </>
        )}
      </Async>
    </Section>
  );
}
