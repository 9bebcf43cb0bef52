/** Sync models: the external system's model (name, code) and its fields with the seed's types. */
import { useState } from 'preact/hooks';
import { client, ok } from '../api/client';
import { listSyncModels } from '../api/queries';
import type { FieldType, SyncModel, SyncModelField } from '../api/views';
import { TextField } from '../components/fields';
import { FormPage } from '../components/form-page';
import { ListPage } from '../components/list-page';
import { Async } from '../components/page';
import { CellInput, CellSelect, RowsEditor } from '../components/rows-editor';
import { useI18n } from '../i18n/i18n';
import { useForm, useLoad } from '../lib/hooks';
import { navigate } from '../lib/router';

/**
 * The seed's field types, as the API's enum declares them: a key missing here or unknown to the API
 * fails the type-check, so the list cannot drift from the server's.
 */
const TYPE_SET: Record<FieldType, true> = {
  char: true,
  text: true,
  integer: true,
  float: true,
  boolean: true,
  date: true,
  datetime: true,
  selection: true,
  many2one: true,
  one2many: true,
  many2many: true,
};
export const FIELD_TYPES = Object.keys(TYPE_SET) as FieldType[];

export function SyncModelList() {
  const { t } = useI18n();
  return (
    <ListPage
      title={t('sm.title')}
      newHref="#/sync-models/new"
      load={listSyncModels}
      columns={[
        { label: t('common.name'), cell: (row) => <a href={`#/sync-models/${row.id}`}>{row.name}</a> },
        { label: t('common.code'), cell: (row) => row.code },
        { label: t('sm.fields'), cell: (row) => row.fields.map((field) => field.name).join(', ') },
      ]}
    />
  );
}

interface Values {
  name: string;
  code: string;
  fields: SyncModelField[];
}

const toValues = (model: SyncModel | undefined): Values => ({
  name: model?.name ?? '',
  code: model?.code ?? '',
  fields: model?.fields ?? [],
});

export function SyncModelForm({ id }: { id: number | null }) {
  const state = useLoad(
    async () => (id === null ? null : await ok(client.GET('/api/sync-models/{id}', { params: { path: { id } } }))),
    [id],
  );
  return <Async state={state}>{(model) => <SyncModelEditor key={model?.id ?? 'new'} model={model ?? undefined} />}</Async>;
}

function SyncModelEditor({ model: initial }: { model: SyncModel | undefined }) {
  const { t } = useI18n();
  const [model, setModel] = useState(initial);
  const form = useForm(toValues(initial), t('common.unsaved'));
  const save = async (values: Values) => {
    const saved = model
      ? await ok(client.PUT('/api/sync-models/{id}', { params: { path: { id: model.id } }, body: values }))
      : await ok(client.POST('/api/sync-models', { body: values }));
    setModel(saved);
    form.reset(toValues(saved));
    if (!model) navigate(`#/sync-models/${saved.id}`);
  };
  return (
    <FormPage
      form={form}
      title={model?.name ?? t('sm.new')}
      crumb={{ href: '#/sync-models', label: t('sm.title') }}
      onSave={save}
      onDiscard={() => form.reset(toValues(model))}
      deleteName={model?.name}
      onDelete={
        model
          ? async () => {
              await ok(client.DELETE('/api/sync-models/{id}', { params: { path: { id: model.id } } }));
              navigate('#/sync-models');
            }
          : undefined
      }
    >
      <div class="form-grid">
        <TextField form={form} name="name" label={t('common.name')} />
        <TextField form={form} name="code" label={t('common.code')} />
      </div>
      <h2>{t('sm.fields')}</h2>
      <RowsEditor<SyncModelField>
        name="fields"
        rows={form.values.fields}
        errors={form.errors}
        addLabel={t('sm.addField')}
        blank={() => ({ name: '', code: '', type: 'char' })}
        onChange={(fields) => form.set('fields', fields)}
        columns={[
          {
            key: 'name',
            label: t('sm.fieldName'),
            // The code follows the name until someone sets it apart (the seed: "Code fields: same as the Name").
            cell: (c) => (
              <CellInput
                {...c}
                value={c.row.name}
                onInput={(name) => c.set({ name, code: c.row.code === c.row.name ? name : c.row.code })}
              />
            ),
          },
          {
            key: 'code',
            label: t('sm.fieldCode'),
            cell: (c) => <CellInput {...c} value={c.row.code} onInput={(code) => c.set({ code })} />,
          },
          {
            key: 'type',
            label: t('sm.fieldType'),
            cell: (c) => (
              <CellSelect
                {...c}
                value={c.row.type}
                options={FIELD_TYPES.map((type) => ({ value: type, label: type }))}
                onChange={(type) => c.set({ type: type as FieldType })}
              />
            ),
          },
        ]}
      />
    </FormPage>
  );
}
