/** The sync object's API tab, as in the seed: header note, endpoint table with active switches, copyable examples. */
import { useState } from 'preact/hooks';
import { client, ok, type Schemas } from '../api/client';
import type { SyncObject } from '../api/views';
import { CopyBlock } from '../components/copy';
import { ErrorText } from '../components/page';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import { curlSnippet, examples, HEADER_NOTE, pythonSnippet } from '../lib/snippets';

export function ApiTab({ object, onChange }: { object: SyncObject; onChange(object: SyncObject): void }) {
  const { t } = useI18n();
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const toggle = async (action: SyncObject['endpoints'][number]['action'], active: boolean) => {
    setError(null);
    try {
      // The description marks `active` required on PATCH (a default read as required): a partial body is valid.
      const body = { endpoints: [{ action, active }] } as Schemas['UpdateSyncObjectDto'];
      onChange(await ok(client.PATCH('/api/sync-objects/{id}', { params: { path: { id: object.id } }, body })));
    } catch (failure) {
      setError(failure);
    }
  };
  const key = apiKey.trim() || 'xxxxxxxxxxx';
  const list = examples({ endpoints: object.endpoints, fields: object.fields, externalRefField: object.externalRefField, apiKey: key });
  return (
    <div>
      <div class="info-box">
        <p>{t('so.apiHeader')}</p>
        <p>{HEADER_NOTE}</p>
      </div>
      {error !== null && <ErrorText error={error} />}
      <DataTable
        testId="endpoints"
        rows={object.endpoints}
        rowKey={(row) => row.action}
        columns={[
          { label: t('so.apiAction'), cell: (row) => row.action.toUpperCase() },
          { label: t('so.apiMethod'), cell: (row) => row.method },
          { label: t('so.apiUrl'), cell: (row) => <code>{row.url}</code> },
          { label: t('so.apiDescription'), cell: (row) => row.description },
          {
            label: t('so.apiActive'),
            cell: (row) => (
              <input
                type="checkbox"
                role="switch"
                aria-label={`${t('so.apiActive')} ${row.action.toUpperCase()}`}
                checked={row.active}
                onChange={(event) => toggle(row.action, event.currentTarget.checked)}
              />
            ),
          },
        ]}
      />
      <h3>{t('so.apiExamples')}</h3>
      <div class="field">
        <label for="example-key">{t('ws.apiKey')}</label>
        <input
          id="example-key"
          type="password"
          autocomplete="off"
          value={apiKey}
          onInput={(event) => setApiKey(event.currentTarget.value)}
        />
        <p class="hint">{t('so.apiNoKey')}</p>
      </div>
      {list.map((example) => (
        <div class="examples" key={example.action}>
          <CopyBlock label={`curl · ${example.action.toUpperCase()}`} text={curlSnippet(example, key)} />
          <CopyBlock label={`python-requests · ${example.action.toUpperCase()}`} text={pythonSnippet(example, key)} />
        </div>
      ))}
    </div>
  );
}
