/**
 * The sync object's schema drift (`GET /api/sync-objects/:id/drift`): what received payloads carry that the
 * sync model does not say, per field and kind, with when it was first and last seen, how often, an example,
 * and the object's policy. Filtered by kind, paged.
 */
import { useState } from 'preact/hooks';
import { client, ok, type Schemas } from '../api/client';
import { enumOptions } from '../components/filters';
import { Async } from '../components/page';
import { OffsetPager } from '../components/pager';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { useLoad } from '../lib/hooks';

type Entry = Schemas['DriftEntryResponse'];
type Kind = Entry['kind'];
const KINDS: Kind[] = ['unknown_key', 'missing_field', 'type_mismatch'];
const PAGE = 25;

export function DriftTab({ objectId }: { objectId: number }) {
  const { t, date, number } = useI18n();
  const [kind, setKind] = useState<Kind | ''>('');
  const [offset, setOffset] = useState(0);
  const drift = useLoad(
    () =>
      ok(
        client.GET('/api/sync-objects/{id}/drift', {
          params: { path: { id: objectId }, query: { limit: PAGE, offset, ...(kind && { kind }) } },
        }),
      ),
    [objectId, kind, offset],
  );
  return (
    <div>
      <div class="card-head">
        <div class="field">
          <label for="drift-kind">{t('drift.kind')}</label>
          <select
            id="drift-kind"
            value={kind}
            onChange={(event) => {
              setOffset(0);
              setKind(event.currentTarget.value as Kind | '');
            }}
          >
            <option value="">{t('common.all')}</option>
            {enumOptions(t, 'drift.kind', KINDS).map((option) => (
              <option value={option.value}>{option.label}</option>
            ))}
          </select>
        </div>
        <button type="button" class="secondary" onClick={drift.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <Async state={drift}>
        {(page) => (
          <>
            <p class="muted" data-testid="drift-policy">
              {t('drift.policy', { policy: t(`schemaDrift.${page.policy}` as MessageKey) })}
            </p>
            <DataTable<Entry>
              testId="drift"
              rows={page.items}
              rowKey={(entry) => `${entry.kind}:${entry.field}`}
              columns={[
                { label: t('drift.field'), cell: (entry) => <code>{entry.field}</code> },
                { label: t('drift.kind'), cell: (entry) => t(`drift.kind.${entry.kind}` as MessageKey) },
                { label: t('drift.firstSeen'), cell: (entry) => date(entry.firstSeenAt) },
                { label: t('drift.lastSeen'), cell: (entry) => date(entry.lastSeenAt) },
                { label: t('drift.count'), class: 'num', cell: (entry) => number(entry.count) },
                { label: t('drift.example'), cell: (entry) => (entry.example === null ? '—' : <code>{entry.example}</code>) },
              ]}
            />
            <OffsetPager total={page.total} offset={offset} pageSize={PAGE} onOffset={setOffset} />
          </>
        )}
      </Async>
    </div>
  );
}
