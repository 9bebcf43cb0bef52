/**
 * The API inspector of a web service: its last calls (receive, confirm, send, test), newest first, with
 * the request and response bodies on demand. The API keeps 200 per service, truncated to 8 KB, without secrets.
 */
import { useState } from 'preact/hooks';
import { client, ok } from '../api/client';
import type { WebServiceCall } from '../api/views';
import { Async } from '../components/page';
import { OffsetPager } from '../components/pager';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../lib/hooks';

const PAGE = 25;

/** JSON bodies indented, anything else as it came. */
function pretty(body: string | null): string {
  if (body === null || body === '') return '—';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function CallsTab({ webServiceId }: { webServiceId: number }) {
  const { t, date, number } = useI18n();
  const [offset, setOffset] = useState(0);
  const calls = useLoad(
    () => ok(client.GET('/api/web-services/{id}/calls', { params: { path: { id: webServiceId }, query: { limit: PAGE, offset } } })),
    [webServiceId, offset],
  );
  return (
    <Async state={calls}>
      {(page) => (
        <>
          <div class="card-head">
            <p class="muted">{t('calls.kept')}</p>
            <button type="button" class="secondary" onClick={calls.reload}>
              {t('common.refresh')}
            </button>
          </div>
          <DataTable<WebServiceCall>
            testId="calls"
            rows={page.items}
            rowKey={(call) => call.id}
            columns={[
              { label: t('calls.at'), cell: (call) => date(call.at) },
              { label: t('calls.kind'), cell: (call) => t(`calls.kind.${call.kind}`) },
              { label: t('calls.url'), cell: (call) => `${call.method} ${call.url}` },
              {
                label: t('calls.status'),
                cell: (call) => (
                  <span class={call.outcome === 'ok' ? undefined : 'warn-text'}>
                    {call.status ?? '—'}
                    {call.outcome !== 'ok' && ` · ${call.outcome}`}
                  </span>
                ),
              },
              { label: t('calls.duration'), class: 'num', cell: (call) => `${number(call.durationMs)} ms` },
              { label: t('calls.bodies'), cell: (call) => <CallBodies call={call} /> },
            ]}
          />
          <OffsetPager total={page.total} offset={offset} pageSize={PAGE} onOffset={setOffset} />
        </>
      )}
    </Async>
  );
}

function CallBodies({ call }: { call: WebServiceCall }) {
  const { t } = useI18n();
  const truncated = <span class="muted"> {t('calls.truncated')}</span>;
  return (
    <details>
      <summary>{t('calls.show', { id: call.id })}</summary>
      {call.error && <p class="warn-text">{call.error}</p>}
      <h4>{t('calls.requestHeaders')}</h4>
      <pre class="json">{pretty(JSON.stringify(call.requestHeaders))}</pre>
      <h4>
        {t('calls.request')}
        {call.requestTruncated && truncated}
      </h4>
      <pre class="json">{pretty(call.requestBody)}</pre>
      <h4>
        {t('calls.response')}
        {call.responseTruncated && truncated}
      </h4>
      <pre class="json">{pretty(call.responseBody)}</pre>
    </details>
  );
}
