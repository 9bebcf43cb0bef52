/** Web services: the seed's form (name, URLs, confirmation, authentication), write-only secrets, test connection. */
import { useState } from 'preact/hooks';
import { client, ok, type Schemas } from '../api/client';
import { listWebServices } from '../api/queries';
import type { WebService } from '../api/views';
import { CheckField, NumberField, SelectField, TextField } from '../components/fields';
import { FormPage } from '../components/form-page';
import { ListPage } from '../components/list-page';
import { Async, Notice, Section } from '../components/page';
import { SecretField, secretPatch, type SecretEdit } from '../components/secret';
import { useI18n } from '../i18n/i18n';
import { useForm, useLoad } from '../lib/hooks';
import { navigate } from '../lib/router';
import { CallsTab } from './web-service-calls';

export function WebServiceList() {
  const { t } = useI18n();
  return (
    <ListPage
      title={t('ws.title')}
      newHref="#/web-services/new"
      load={listWebServices}
      columns={[
        { label: t('ws.name'), cell: (row) => <a href={`#/web-services/${row.id}`}>{row.name}</a> },
        { label: t('ws.url'), cell: (row) => row.url },
        {
          label: t('ws.needsAuthentication'),
          cell: (row) => (row.needsAuthentication ? t(`auth.${row.authMode ?? 'api_key'}`) : t('common.no')),
        },
        { label: t('common.active'), cell: (row) => (row.active ? t('common.yes') : t('common.no')) },
      ]}
    />
  );
}

interface Values {
  name: string;
  url: string;
  needsConfirmation: boolean;
  confirmationUrl: string;
  shippingUrl: string;
  needsAuthentication: boolean;
  authMode: 'user_password' | 'api_key';
  username: string;
  timeoutMs: number | null;
  active: boolean;
  rateLimitRequests: number | null;
  rateLimitPerSeconds: number | null;
  maxConcurrency: number | null;
  password: SecretEdit;
  apiKey: SecretEdit;
  signingSecret: SecretEdit;
}

const KEEP: SecretEdit = { mode: 'keep' };

function toValues(service: WebService | undefined): Values {
  return {
    name: service?.name ?? '',
    url: service?.url ?? '',
    needsConfirmation: service?.needsConfirmation ?? false,
    confirmationUrl: service?.confirmationUrl ?? '',
    shippingUrl: service?.shippingUrl ?? '',
    needsAuthentication: service?.needsAuthentication ?? false,
    authMode: service?.authMode ?? 'api_key',
    username: service?.username ?? '',
    timeoutMs: service?.timeoutMs ?? 10000,
    active: service?.active ?? true,
    rateLimitRequests: service?.rateLimit?.requests ?? null,
    rateLimitPerSeconds: service?.rateLimit?.perSeconds ?? null,
    maxConcurrency: service?.maxConcurrency ?? null,
    password: KEEP,
    apiKey: KEEP,
    signingSecret: KEEP,
  };
}

function toBody(values: Values) {
  const body: Record<string, unknown> = {
    name: values.name,
    url: values.url,
    needsConfirmation: values.needsConfirmation,
    confirmationUrl: values.confirmationUrl || null,
    shippingUrl: values.shippingUrl || null,
    needsAuthentication: values.needsAuthentication,
    authMode: values.needsAuthentication ? values.authMode : null,
    username: values.needsAuthentication && values.authMode === 'user_password' ? values.username || null : null,
    timeoutMs: values.timeoutMs ?? undefined,
    active: values.active,
    // Both halves or neither (no limit); one half alone is sent as it is, so the server names the missing one.
    rateLimit:
      values.rateLimitRequests === null && values.rateLimitPerSeconds === null
        ? null
        : { requests: values.rateLimitRequests ?? undefined, perSeconds: values.rateLimitPerSeconds ?? undefined },
    maxConcurrency: values.maxConcurrency,
  };
  for (const key of ['password', 'apiKey', 'signingSecret'] as const) {
    const patch = secretPatch(values[key]);
    if (patch !== undefined) body[key] = patch;
  }
  return body as Schemas['CreateWebServiceDto'];
}

export function WebServiceForm({ id }: { id: number | null }) {
  const state = useLoad(
    async () => (id === null ? null : ((await ok(client.GET('/api/web-services/{id}', { params: { path: { id } } }))) as WebService)),
    [id],
  );
  return <Async state={state}>{(service) => <WebServiceEditor key={service?.id ?? 'new'} service={service ?? undefined} />}</Async>;
}

function WebServiceEditor({ service: initial }: { service: WebService | undefined }) {
  const { t } = useI18n();
  const [service, setService] = useState(initial);
  const form = useForm(toValues(initial), t('common.unsaved'));
  const [report, setReport] = useState<Schemas['WebServiceTestReport'] | null>(null);
  // Bumped after a test connection, so the calls list shows the test call.
  const [callsVersion, setCallsVersion] = useState(0);
  const v = form.values;
  const save = async (values: Values) => {
    const saved = (
      service
        ? await ok(client.PATCH('/api/web-services/{id}', { params: { path: { id: service.id } }, body: toBody(values) }))
        : await ok(client.POST('/api/web-services', { body: toBody(values) }))
    ) as WebService;
    setService(saved);
    // Typed secrets are forgotten at once; only "set" / "not set" remains.
    form.reset(toValues(saved));
    if (!service) navigate(`#/web-services/${saved.id}`);
  };
  const test = async () => {
    setReport(null);
    setReport(await ok(client.POST('/api/web-services/{id}/test', { params: { path: { id: service!.id } } })));
    setCallsVersion((n) => n + 1);
  };
  const secret = (key: 'password' | 'apiKey' | 'signingSecret', label: string, stored: boolean) => (
    <SecretField
      id={`f-${key}`}
      label={label}
      stored={stored}
      edit={v[key]}
      error={form.errors[key]}
      onChange={(edit) => form.set(key, edit)}
    />
  );
  return (
    <>
      <FormPage
        form={form}
        title={service?.name ?? t('ws.new')}
        crumb={{ href: '#/web-services', label: t('ws.title') }}
        onSave={save}
        onDiscard={() => form.reset(toValues(service))}
        deleteName={service?.name}
        onDelete={
          service
            ? async () => {
                await ok(client.DELETE('/api/web-services/{id}', { params: { path: { id: service.id } } }));
                navigate('#/web-services');
              }
            : undefined
        }
        headerActions={
          service && (
            <button type="button" class="secondary" onClick={test}>
              {t('ws.test')}
            </button>
          )
        }
      >
        {report && (
          <Notice tone={report.reachable ? 'ok' : 'warn'}>
            {report.reachable
              ? t('ws.testOk', { status: report.httpStatus ?? '—', ms: report.latencyMs })
              : t('ws.testFail', { error: report.error ?? String(report.httpStatus ?? '') })}
          </Notice>
        )}
        <div class="form-grid">
          <div>
            <TextField form={form} name="name" label={t('ws.name')} />
            <TextField form={form} name="url" label={t('ws.url')} type="url" />
            <CheckField form={form} name="needsConfirmation" label={t('ws.needsConfirmation')} />
            {v.needsConfirmation && <TextField form={form} name="confirmationUrl" label={t('ws.confirmationUrl')} type="url" />}
            <TextField form={form} name="shippingUrl" label={t('ws.shippingUrl')} type="url" />
            <NumberField form={form} name="timeoutMs" label={t('ws.timeoutMs')} min={100} />
            <NumberField form={form} name="rateLimitRequests" errorKey="rateLimit.requests" label={t('ws.rateLimitRequests')} min={1} />
            <NumberField
              form={form}
              name="rateLimitPerSeconds"
              errorKey="rateLimit.perSeconds"
              label={t('ws.rateLimitPerSeconds')}
              hint={t('ws.rateLimitHint')}
              min={1}
            />
            <NumberField form={form} name="maxConcurrency" label={t('ws.maxConcurrency')} min={1} />
            <CheckField form={form} name="active" label={t('common.active')} />
          </div>
          <div>
            <CheckField form={form} name="needsAuthentication" label={t('ws.needsAuthentication')} />
            {v.needsAuthentication && (
              <>
                <SelectField
                  form={form}
                  name="authMode"
                  label={t('ws.authMode')}
                  options={[
                    { value: 'user_password', label: t('auth.user_password') },
                    { value: 'api_key', label: t('auth.api_key') },
                  ]}
                />
                {v.authMode === 'user_password' ? (
                  <>
                    <TextField form={form} name="username" label={t('ws.username')} />
                    {secret('password', t('ws.password'), service?.hasPassword ?? false)}
                  </>
                ) : (
                  secret('apiKey', t('ws.apiKey'), service?.hasApiKey ?? false)
                )}
              </>
            )}
            {secret('signingSecret', t('ws.signingSecret'), service?.hasSigningSecret ?? false)}
          </div>
        </div>
      </FormPage>
      {service && (
        <Section title={t('calls.title')}>
          <CallsTab key={callsVersion} webServiceId={service.id} />
        </Section>
      )}
    </>
  );
}
