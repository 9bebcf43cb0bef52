/** Settings: inbound API keys (generate → shown once, import, revoke), the sync settings and the audit trail. */
import { useState } from 'preact/hooks';
import { client, ok, type Schemas } from '../api/client';

import { ConfirmButton } from '../components/confirm';
import { CopyBlock } from '../components/copy';
import { CheckField, FormMessage, NumberField, TextField } from '../components/fields';
import { Async, Notice, PageHeader, Section } from '../components/page';
import { SecretField, secretPatch, type SecretEdit } from '../components/secret';
import { DataTable } from '../components/table';
import { useI18n } from '../i18n/i18n';
import { useForm, useLoad } from '../lib/hooks';
import { AuditTrail } from './audit';

export function SettingsPage() {
  const { t } = useI18n();
  const settings = useLoad(() => ok(client.GET('/api/settings')), []);
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <ApiKeys />
      <Async state={settings}>{(values) => <SettingsForm initial={values} />}</Async>
      <AuditTrail />
    </>
  );
}

function ApiKeys() {
  const { t, date } = useI18n();
  const keys = useLoad(() => ok(client.GET('/api/settings/api-keys')), []);
  const [created, setCreated] = useState<Schemas['CreatedApiKeyView'] | null>(null);
  const generate = useForm({ name: '' }, t('common.unsaved'), 'generate');
  const importing = useForm({ name: '', key: '' }, t('common.unsaved'), 'import');
  const add = async (body: { name: string; key?: string }, show: boolean) => {
    const answer = await ok(client.POST('/api/settings/api-keys', { body }));
    // Shown once; an imported key is not shown back at all.
    setCreated(show ? answer : null);
    keys.reload();
  };
  return (
    <Section title={t('settings.keys')}>
      {created && (
        <div class="notice notice-warn" role="status">
          <p>{t('settings.shownOnce')}</p>
          <CopyBlock label={created.name} text={created.key} />
          <button type="button" class="secondary small" onClick={() => setCreated(null)}>
            {t('common.confirm')}
          </button>
        </div>
      )}
      <div class="form-grid">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void generate.submit(async (values) => {
              await add({ name: values.name }, true);
              generate.reset({ name: '' });
            });
          }}
        >
          <TextField form={generate} name="name" label={t('settings.keyName')} />
          <FormMessage form={generate} />
          <button type="submit" class="primary">
            {t('settings.generate')}
          </button>
        </form>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void importing.submit(async (values) => {
              await add(values, false);
              importing.reset({ name: '', key: '' });
            });
          }}
        >
          <h3>{t('settings.import')}</h3>
          <TextField form={importing} name="name" label={t('settings.keyName')} />
          <TextField form={importing} name="key" label={t('settings.importKey')} type="password" />
          <FormMessage form={importing} />
          <button type="submit" class="secondary">
            {t('settings.import')}
          </button>
        </form>
      </div>
      <Async state={keys}>
        {(rows) => (
          <DataTable
            testId="api-keys"
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              { label: t('common.name'), cell: (row) => row.name },
              { label: t('settings.lastFour'), cell: (row) => <code>…{row.last4}</code> },
              { label: t('settings.created'), cell: (row) => date(row.createdAt) },
              { label: t('settings.lastUsed'), cell: (row) => (row.lastUsedAt ? date(row.lastUsedAt) : t('common.never')) },
              {
                label: t('common.actions'),
                cell: (row) => (
                  <ConfirmButton
                    danger
                    label={t('settings.revoke')}
                    message={t('settings.revokeConfirm', { name: row.name })}
                    onConfirm={async () => {
                      await ok(client.DELETE('/api/settings/api-keys/{id}', { params: { path: { id: row.id } } }));
                      keys.reload();
                    }}
                  />
                ),
              },
            ]}
          />
        )}
      </Async>
    </Section>
  );
}

type SettingsValues = Schemas['SettingsView'] & { webhook: SecretEdit };

/**
 * The webhook URL is edited like a secret (a Slack URL carries its token): the form says whether one is
 * set, offers replace and clear, and sends it only then.
 */
const settingsValues = (settings: Schemas['SettingsView']): SettingsValues => ({ ...settings, webhook: { mode: 'keep' } });

function SettingsForm({ initial }: { initial: Schemas['SettingsView'] }) {
  const { t } = useI18n();
  const [stored, setStored] = useState(initial);
  const form = useForm(settingsValues(initial), t('common.unsaved'));
  const [saved, setSaved] = useState(false);
  return (
    <Section title={t('settings.logs')}>
      {saved && !form.dirty && <Notice>{t('common.saved')}</Notice>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async (values) => {
            // Only the settings edited here: the webhook URL is not sent back as it was read.
            const { generateLogs, logRetentionDays, outboxMaxAttempts, pauseAfterFailedRuns, webhook } = values;
            const body = { generateLogs, logRetentionDays, outboxMaxAttempts, pauseAfterFailedRuns, alertWebhookUrl: secretPatch(webhook) };
            const answer = await ok(client.PUT('/api/settings', { body }));
            setStored(answer);
            form.reset(settingsValues(answer));
            setSaved(true);
          });
        }}
      >
        <CheckField form={form} name="generateLogs" label={t('settings.generateLogs')} />
        <NumberField form={form} name="logRetentionDays" label={t('settings.logRetentionDays')} min={1} max={3650} />
        <NumberField form={form} name="outboxMaxAttempts" label={t('settings.outboxMaxAttempts')} min={1} max={100} />
        <NumberField
          form={form}
          name="pauseAfterFailedRuns"
          label={t('settings.pauseAfterFailedRuns')}
          hint={t('settings.pauseAfterFailedRunsHint')}
          min={1}
        />
        <SecretField
          id="f-alertWebhookUrl"
          label={t('settings.alertWebhookUrl')}
          stored={stored.alertWebhookUrl !== null}
          edit={form.values.webhook}
          error={form.errors.alertWebhookUrl}
          onChange={(edit) => form.set('webhook', edit)}
        />
        <FormMessage form={form} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={form.busy}>
            {t('common.save')}
          </button>
          <button type="button" class="secondary" disabled={!form.dirty} onClick={() => form.reset(settingsValues(stored))}>
            {t('common.discard')}
          </button>
        </div>
      </form>
    </Section>
  );
}
