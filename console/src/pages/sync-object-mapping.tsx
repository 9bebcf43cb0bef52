/**
 * The mapping editor ("Models and fields"): Odoo field ↔ external field, with pickers from the chosen
 * Odoo model and sync model; a reference field only for relational fields, picked from the target model.
 */
import type { FieldMapping, OdooModel, SyncModel } from '../api/views';
import { CellSelect, RowsEditor } from '../components/rows-editor';
import { useI18n } from '../i18n/i18n';

const RELATIONAL = new Set(['many2one', 'one2many', 'many2many']);
const OWNERSHIP = ['both', 'odoo_to_external', 'external_to_odoo'] as const;

export function MappingEditor(props: {
  rows: FieldMapping[];
  odooModel: OdooModel | undefined;
  syncModel: SyncModel | undefined;
  models: OdooModel[];
  errors: Record<string, string>;
  onChange(rows: FieldMapping[]): void;
}) {
  const { t } = useI18n();
  const odooFields = props.odooModel?.fields ?? [];
  const fieldOf = (name: string) => odooFields.find((field) => field.name === name);
  const targetFields = (name: string) => {
    const relation = fieldOf(name)?.relation;
    return props.models.find((model) => model.name === relation)?.fields ?? [];
  };
  return (
    <RowsEditor<FieldMapping>
      name="fields"
      rows={props.rows}
      errors={props.errors}
      addLabel={t('so.addMapping')}
      blank={() => ({ odooField: '', externalField: '', referenceField: null, direction: 'both' })}
      onChange={props.onChange}
      columns={[
        {
          key: 'odooField',
          label: t('so.odooField'),
          cell: (c) => (
            <CellSelect
              {...c}
              value={c.row.odooField}
              placeholder={t('so.choose')}
              options={odooFields.map((field) => ({ value: field.name, label: `${field.label} (${field.name})` }))}
              onChange={(odooField) =>
                c.set({ odooField, referenceField: RELATIONAL.has(fieldOf(odooField)?.type ?? '') ? c.row.referenceField : null })
              }
            />
          ),
        },
        {
          key: 'externalField',
          label: t('so.externalField'),
          cell: (c) => (
            <CellSelect
              {...c}
              value={c.row.externalField}
              placeholder={t('so.choose')}
              options={(props.syncModel?.fields ?? []).map((field) => ({ value: field.name, label: field.name }))}
              onChange={(externalField) => c.set({ externalField })}
            />
          ),
        },
        {
          key: 'referenceField',
          label: t('so.referenceField'),
          cell: (c) =>
            RELATIONAL.has(fieldOf(c.row.odooField)?.type ?? '') ? (
              <CellSelect
                {...c}
                value={c.row.referenceField ?? ''}
                placeholder={t('so.choose')}
                options={targetFields(c.row.odooField).map((field) => ({ value: field.name, label: `${field.label} (${field.name})` }))}
                onChange={(referenceField) => c.set({ referenceField: referenceField || null })}
              />
            ) : (
              <span class="muted">—</span>
            ),
        },
        {
          key: 'direction',
          label: t('so.ownership'),
          cell: (c) => (
            <CellSelect
              {...c}
              value={c.row.direction ?? 'both'}
              options={OWNERSHIP.map((value) => ({ value, label: t(`so.ownership.${value}`) }))}
              onChange={(direction) => c.set({ direction: direction as FieldMapping['direction'] })}
            />
          ),
        },
      ]}
    />
  );
}
