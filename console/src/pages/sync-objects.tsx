/** Sync objects: every field of the seed's form, the mapping editor, the API tab, run now and resync. */
import { useState } from 'preact/hooks';
import { client, ok, type Schemas } from '../api/client';
import { listOdooModels, listSyncModels, listSyncObjects, listWebServices } from '../api/queries';
import type { FieldMapping, SyncObject } from '../api/views';
import { ConfirmButton } from '../components/confirm';
import { CheckField, NumberField, SelectField, TextArea, TextField } from '../components/fields';
import { FormPage } from '../components/form-page';
import { ListPage } from '../components/list-page';
import { Async, ErrorText } from '../components/page';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { useForm, useLoad } from '../lib/hooks';
import { navigate } from '../lib/router';
import { ApiTab } from './sync-object-api';
import { SyncObjectTabs, type Tab } from './sync-object-tabs';
import { MappingEditor } from './sync-object-mapping';
import { PolicyFields, policyBody, policyValues, splitPolicies, type PolicyValues } from './sync-object-policies';

export function SyncObjectList() {
  const { t } = useI18n();
  return (
    <ListPage
      title={t('so.title')}
      newHref="#/sync-objects/new"
      load={listSyncObjects}
      columns={[
        { label: t('so.name'), cell: (row) => <a href={`#/sync-objects/${row.id}`}>{row.name}</a> },
        { label: t('so.direction'), cell: (row) => t(`direction.${row.direction}` as MessageKey) },
        { label: t('so.mode'), cell: (row) => t(`mode.${row.mode}` as MessageKey) },
        { label: t('so.odooModel'), cell: (row) => row.odooModel },
        { label: t('so.syncModel'), cell: (row) => row.syncModelCode ?? '—' },
        { label: t('common.active'), cell: (row) => (row.active ? t('common.yes') : t('common.no')) },
      ]}
    />
  );
}

type Values = Omit<
  SyncObject,
  | 'id'
  | 'syncModelCode'
  | 'endpoints'
  | 'nextRunAt'
  | 'createdAt'
  | 'updatedAt'
  | 'webServiceId'
  | 'syncModelId'
  | 'limit'
  | 'schedule'
  | 'guard'
  | 'schemaDrift'
  | 'flapping'
> &
  PolicyValues & {
    webServiceId: number | null;
    syncModelId: number | null;
    limit: number | null;
    interval: number | null;
    unit: IntervalSchedule['unit'];
    cron: string;
    timezone: string;
  };

type IntervalSchedule = Schemas['IntervalScheduleView'];
type CronSchedule = Schemas['CronScheduleView'];

/** The answer's schedule is one of the two shapes; the form holds the fields of both. */
function scheduleValues(schedule: SyncObject['schedule'] | undefined): Pick<Values, 'interval' | 'unit' | 'cron' | 'timezone'> {
  const cron = schedule && 'cron' in schedule ? (schedule satisfies CronSchedule) : undefined;
  const interval = schedule && 'interval' in schedule ? (schedule satisfies IntervalSchedule) : undefined;
  return {
    interval: interval?.interval ?? 5,
    unit: interval?.unit ?? 'minutes',
    cron: cron?.cron ?? '',
    timezone: cron?.timezone ?? 'UTC',
  };
}

function toValues(object: SyncObject | undefined): Values {
  return {
    name: object?.name ?? '',
    direction: object?.direction ?? 'bidirectional',
    webServiceId: object?.webServiceId ?? null,
    mode: object?.mode ?? 'realtime',
    priority: object?.priority ?? 'odoo',
    odooModel: object?.odooModel ?? '',
    odooRefField: object?.odooRefField ?? 'x_sys_id',
    propagateDeletes: object?.propagateDeletes ?? false,
    syncModelId: object?.syncModelId ?? null,
    externalRefField: object?.externalRefField ?? '',
    domain: object?.domain ?? '[]',
    limit: object?.limit ?? 100,
    drain: object?.drain ?? false,
    active: object?.active ?? true,
    fields: object?.fields ?? [],
    ...scheduleValues(object?.schedule),
    ...policyValues(object),
  };
}

function toBody(values: Values) {
  const { policies, rest: withSchedule } = splitPolicies(values);
  const { interval, unit, cron, timezone, ...rest } = withSchedule;
  // A cron expression replaces interval and unit (the API refuses both at once, and a time zone without cron).
  const schedule: Schemas['IntervalScheduleDto'] | Schemas['CronScheduleDto'] = cron.trim()
    ? { cron: cron.trim(), timezone }
    : { interval: interval ?? 0, unit };
  return {
    ...rest,
    // An empty picker is sent as 0, so the API's answer names the field.
    webServiceId: values.webServiceId ?? 0,
    syncModelId: values.syncModelId ?? 0,
    limit: values.limit ?? 0,
    fields: values.fields.map((field): FieldMapping => ({ ...field, referenceField: field.referenceField || null })),
    schedule,
    ...policyBody(policies),
  } satisfies Schemas['CreateSyncObjectDto'];
}

async function loadChoices() {
  const [services, syncModels, models] = await Promise.all([listWebServices(), listSyncModels(), listOdooModels()]);
  return { services, syncModels, models };
}

export function SyncObjectForm({ id }: { id: number | null }) {
  const state = useLoad(async () => {
    const [choices, object] = await Promise.all([
      loadChoices(),
      id === null ? null : ok(client.GET('/api/sync-objects/{id}', { params: { path: { id } } })),
    ]);
    return { ...choices, object };
  }, [id]);
  return (
    <Async state={state}>{(data) => <SyncObjectEditor key={data.object?.id ?? 'new'} {...data} object={data.object ?? undefined} />}</Async>
  );
}

function SyncObjectEditor(props: Awaited<ReturnType<typeof loadChoices>> & { object: SyncObject | undefined }) {
  const { t, date } = useI18n();
  const [object, setObject] = useState(props.object);
  const [tab, setTab] = useState<Tab>('fields');
  const [dryRuns, setDryRuns] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const form = useForm(toValues(props.object), t('common.unsaved'));
  const v = form.values;
  const odooModel = props.models.find((model) => model.name === v.odooModel);
  const syncModel = props.syncModels.find((model) => model.id === v.syncModelId);
  const save = async (values: Values) => {
    const saved = object
      ? await ok(client.PUT('/api/sync-objects/{id}', { params: { path: { id: object.id } }, body: toBody(values) }))
      : await ok(client.POST('/api/sync-objects', { body: toBody(values) }));
    setObject(saved);
    form.reset(toValues(saved));
    if (!object) navigate(`#/sync-objects/${saved.id}`);
  };
  const act = async (action: () => Promise<string>) => {
    setNotice(null);
    setActionError(null);
    try {
      setNotice(await action());
    } catch (error) {
      setActionError(error);
    }
  };
  const runNow = (bypassGuard: boolean) =>
    act(async () => {
      const run = await ok(
        client.POST('/api/sync-objects/{id}/run', { params: { path: { id: object!.id } }, ...(bypassGuard && { body: { bypassGuard } }) }),
      );
      const done = t('so.runDone', { id: run.id, status: t(`status.${run.status}` as MessageKey) });
      return run.hold && run.status === 'held' ? `${done} ${run.hold.reason}` : done;
    });
  const dryRun = () => {
    setTab('dryRun');
    setDryRuns((n) => n + 1);
  };
  const resyncCount = async () => {
    const page = await ok(
      client.GET('/api/records/{model}', {
        params: { path: { model: object!.odooModel }, query: { domain: object!.domain, limit: 1 } },
      }),
    );
    return t('so.resyncConfirm', { count: page.total, model: object!.odooModel });
  };
  const resync = () =>
    act(async () => {
      const answer = await ok(client.POST('/api/sync-objects/{id}/resync', { params: { path: { id: object!.id } } }));
      return t('so.resyncDone', { count: answer.queued });
    });
  const options = <T extends { id: number; name: string }>(items: T[]) =>
    items.map((item) => ({ value: String(item.id), label: item.name }));
  const enumOptions = (prefix: string, values: string[]) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}` as MessageKey) }));
  return (
    <FormPage
      form={form}
      title={object?.name ?? t('so.new')}
      crumb={{ href: '#/sync-objects', label: t('so.title') }}
      onSave={save}
      onDiscard={() => form.reset(toValues(object))}
      deleteName={object?.name}
      notice={notice}
      onDelete={
        object
          ? async () => {
              await ok(client.DELETE('/api/sync-objects/{id}', { params: { path: { id: object.id } } }));
              navigate('#/sync-objects');
            }
          : undefined
      }
      headerActions={
        object && (
          <>
            <button type="button" class="secondary" onClick={() => runNow(false)}>
              {t('so.runNow')}
            </button>
            {object.direction !== 'odoo_to_external' && (
              <ConfirmButton label={t('so.runUnguarded')} message={t('so.runUnguardedConfirm')} onConfirm={() => runNow(true)} />
            )}
            <button type="button" class="secondary" onClick={dryRun}>
              {t('so.dryRun')}
            </button>
            <ConfirmButton label={t('so.resync')} message={resyncCount} onConfirm={resync} />
          </>
        )
      }
    >
      {actionError !== null && <ErrorText error={actionError} />}
      <div class="form-grid">
        <div>
          <TextField form={form} name="name" label={t('so.name')} />
          <SelectField
            form={form}
            name="direction"
            label={t('so.direction')}
            options={enumOptions('direction', ['odoo_to_external', 'external_to_odoo', 'bidirectional'])}
          />
          {v.direction === 'bidirectional' && (
            <SelectField form={form} name="priority" label={t('so.priority')} options={enumOptions('priority', ['odoo', 'external'])} />
          )}
          <SelectField
            form={form}
            name="odooModel"
            label={t('so.odooModel')}
            placeholder={t('so.choose')}
            options={props.models.map((m) => ({ value: m.name, label: m.name }))}
          />
          <SelectField
            form={form}
            name="odooRefField"
            label={t('so.odooRefField')}
            placeholder={t('so.choose')}
            options={(odooModel?.fields ?? []).map((field) => ({ value: field.name, label: `${field.label} (${field.name})` }))}
          />
          {v.mode === 'cron' && <CheckField form={form} name="propagateDeletes" label={t('so.propagateDeletes')} />}
          <CheckField form={form} name="active" label={t('common.active')} />
        </div>
        <div>
          <SelectField
            form={form}
            name="webServiceId"
            numeric
            label={t('so.webService')}
            placeholder={t('so.choose')}
            options={options(props.services)}
          />
          <SelectField form={form} name="mode" label={t('so.mode')} options={enumOptions('mode', ['cron', 'realtime'])} />
          {v.mode === 'cron' && (
            <div class="form-grid">
              <NumberField form={form} name="interval" errorKey="schedule.interval" label={t('so.schedule')} min={1} />
              <SelectField
                form={form}
                name="unit"
                errorKey="schedule.unit"
                label={t('so.scheduleUnit')}
                options={enumOptions('unit', ['minutes', 'hours', 'days', 'weeks', 'months'])}
              />
            </div>
          )}
          {v.mode === 'cron' && (
            <div class="form-grid">
              <TextField form={form} name="cron" errorKey="schedule.cron" label={t('so.cron')} hint={t('so.cronHint')} />
              <TextField form={form} name="timezone" errorKey="schedule.timezone" label={t('so.timezone')} />
            </div>
          )}
          {v.mode === 'cron' && object?.nextRunAt && (
            <p class="hint">
              {t('so.nextRunAt')}: {date(object.nextRunAt)}
            </p>
          )}
          <SelectField
            form={form}
            name="syncModelId"
            numeric
            label={t('so.syncModel')}
            placeholder={t('so.choose')}
            options={options(props.syncModels)}
          />
          <SelectField
            form={form}
            name="externalRefField"
            label={t('so.externalRefField')}
            placeholder={t('so.choose')}
            options={(syncModel?.fields ?? []).map((field) => ({ value: field.name, label: field.name }))}
          />
          <TextArea form={form} name="domain" label={t('so.domain')} rows={2} />
          <NumberField form={form} name="limit" label={t('so.limit')} min={1} max={10000} />
          {v.mode === 'cron' && <CheckField form={form} name="drain" label={t('so.drain')} />}
        </div>
      </div>
      <PolicyFields form={form} direction={v.direction} />
      <SyncObjectTabs
        tab={tab}
        onTab={setTab}
        object={object}
        dryRuns={dryRuns}
        mapping={
          <MappingEditor
            rows={v.fields}
            odooModel={odooModel}
            syncModel={syncModel}
            models={props.models}
            errors={form.errors}
            onChange={(fields) => form.set('fields', fields)}
          />
        }
        api={object && <ApiTab object={object} onChange={setObject} />}
      />
    </FormPage>
  );
}
