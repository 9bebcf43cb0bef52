/**
 * Editable rows inside a form (sync-model fields, sync-object mappings): add, remove, and per-cell
 * errors named by the API as `<list>.<index>.<key>`.
 */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n';

export interface CellProps<R> {
  row: R;
  index: number;
  id: string;
  label: string;
  error?: string;
  set(patch: Partial<R>): void;
}

export interface RowColumn<R> {
  key: string;
  label: string;
  cell(props: CellProps<R>): ComponentChildren;
}

export function RowsEditor<R>(props: {
  name: string;
  rows: R[];
  columns: RowColumn<R>[];
  errors: Record<string, string>;
  blank: () => R;
  addLabel: string;
  onChange(rows: R[]): void;
}) {
  const { t } = useI18n();
  const update = (index: number, patch: Partial<R>) =>
    props.onChange(props.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const listError = props.errors[props.name];
  return (
    <div class="rows-editor">
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th scope="col">{column.label}</th>
              ))}
              <th scope="col">
                <span class="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row, index) => (
              <tr>
                {props.columns.map((column) => {
                  const path = `${props.name}.${index}.${column.key}`;
                  const error = props.errors[path];
                  return (
                    <td>
                      {column.cell({
                        row,
                        index,
                        id: `f-${path}`,
                        label: `${column.label} ${index + 1}`,
                        error,
                        set: (patch) => update(index, patch),
                      })}
                      {error && (
                        <p class="field-error" role="alert">
                          {error}
                        </p>
                      )}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    class="secondary small"
                    aria-label={`${t('common.remove')} ${index + 1}`}
                    onClick={() => props.onChange(props.rows.filter((_, i) => i !== index))}
                  >
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {listError && (
        <p class="field-error" role="alert">
          {listError}
        </p>
      )}
      <button type="button" class="secondary" onClick={() => props.onChange([...props.rows, props.blank()])}>
        {props.addLabel}
      </button>
    </div>
  );
}

/** Cell controls: a text input and a select, labelled for screen readers. */
export function CellInput(props: { id: string; label: string; value: string; error?: string; onInput(value: string): void }) {
  return (
    <input
      id={props.id}
      aria-label={props.label}
      value={props.value}
      aria-invalid={props.error ? 'true' : undefined}
      onInput={(event) => props.onInput(event.currentTarget.value)}
    />
  );
}

export function CellSelect(props: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  placeholder?: string;
  error?: string;
  onChange(value: string): void;
}) {
  return (
    <select
      id={props.id}
      aria-label={props.label}
      value={props.value}
      aria-invalid={props.error ? 'true' : undefined}
      onChange={(event) => props.onChange(event.currentTarget.value)}
    >
      {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
      {props.options.map((option) => (
        <option value={option.value}>{option.label}</option>
      ))}
    </select>
  );
}
