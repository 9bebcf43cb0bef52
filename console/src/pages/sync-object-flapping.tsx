/**
 * The sync object's flapping records (`GET /api/sync-objects/:id/flapping`): records changed back and forth
 * between the two sides, whose further changes are held. Each shows the fields that flip with their recent
 * values by side, the held inbound change and the waiting outbox rows, and is resolved after a confirmation:
 * release (both held sides go on), pin external or pin Odoo (`POST .../flapping/:recordId/release`).
 */
import { useState } from 'preact/hooks';
import { client, ok, type Schemas } from '../api/client';
import { ConfirmButton } from '../components/confirm';
import { Async, ErrorText, Notice } from '../components/page';
import { OffsetPager } from '../components/pager';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { useLoad } from '../lib/hooks';

type Flapping = Schemas['FlappingRecordResponse'];
type Pin = NonNullable<Schemas['ReleaseFlappingDto']['pin']>;
const PAGE = 25;

export function FlappingTab({ objectId, odooModel }: { objectId: number; odooModel: string }) {
  const { t, date, number } = useI18n();
  const [offset, setOffset] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const records = useLoad(
    () => ok(client.GET('/api/sync-objects/{id}/flapping', { params: { path: { id: objectId }, query: { limit: PAGE, offset } } })),
    [objectId, offset],
  );
  const release = async (record: Flapping, pin: Pin | null) => {
    setNotice(null);
    setError(null);
    try {
      const answer = await ok(
        client.POST('/api/sync-objects/{id}/flapping/{recordId}/release', {
          params: { path: { id: objectId, recordId: record.recordId } },
          body: pin ? { pin } : {},
        }),
      );
      const applied = answer.inboundApplied ? t('common.yes') : t('common.no');
      setNotice(
        t('flap.released', { id: answer.recordId, applied, retired: answer.outboxRetired, queued: answer.outboxQueued }) +
          (answer.inboundError ? ` ${answer.inboundError}` : ''),
      );
    } catch (failure) {
      setError(failure);
    }
    records.reload();
  };
  const actions = (record: Flapping) => (
    <div class="actions">
      {([null, 'external', 'odoo'] as const).map((pin) => {
        const key = pin ?? 'release';
        return (
          <ConfirmButton
            label={t(`flap.${key}` as MessageKey)}
            message={t(`flap.${key}Confirm` as MessageKey, { id: record.recordId, externalId: record.externalId ?? '—' })}
            onConfirm={() => release(record, pin)}
          />
        );
      })}
    </div>
  );
  return (
    <div>
      <div class="card-head">
        <p class="muted">{t('flap.hint')}</p>
        <button type="button" class="secondary" onClick={records.reload}>
          {t('common.refresh')}
        </button>
      </div>
      {notice && <Notice>{notice}</Notice>}
      {error !== null && <ErrorText error={error} />}
      <Async state={records}>
        {(page) => (
          <>
            <DataTable<Flapping>
              testId="flapping"
              rows={page.items}
              rowKey={(record) => record.recordId}
              columns={[
                {
                  label: t('flap.record'),
                  cell: (record) => (
                    <a href={`#/tracking?model=${encodeURIComponent(odooModel)}&odooId=${record.recordId}`}>
                      {odooModel} {record.recordId}
                    </a>
                  ),
                },
                { label: t('flap.externalId'), cell: (record) => record.externalId ?? '—' },
                { label: t('flap.flaggedAt'), cell: (record) => date(record.flaggedAt) },
                { label: t('flap.changes'), class: 'num', cell: (record) => number(record.changes) },
                { label: t('flap.fields'), cell: (record) => <Flips record={record} /> },
                { label: t('flap.heldInbound'), cell: (record) => <HeldInbound record={record} /> },
                { label: t('flap.heldOutbox'), class: 'num', cell: (record) => number(record.heldOutbox) },
                { label: t('common.actions'), cell: actions },
              ]}
            />
            <OffsetPager total={page.total} offset={offset} pageSize={PAGE} onOffset={setOffset} />
          </>
        )}
      </Async>
    </div>
  );
}

function Flips({ record }: { record: Flapping }) {
  const { t, date } = useI18n();
  return (
    <ul class="changes">
      {record.fields.map((field) => (
        <li>
          <code>{field.field}</code>:{' '}
          {field.recent.map((value, i) => (
            <span title={date(value.at)}>
              {i > 0 && ' → '}
              {t(`flap.side.${value.side}` as MessageKey)} {value.value ?? '—'}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

function HeldInbound({ record }: { record: Flapping }) {
  const { t, date } = useI18n();
  const held = record.heldInbound;
  if (!held) return <span class="muted">—</span>;
  return (
    <span>
      {t('flap.held', { action: t(`dry.action.${held.action}` as MessageKey), count: held.count, fields: held.fields.join(', ') })}{' '}
      <span class="muted">{date(held.at)}</span>
    </span>
  );
}
