/** A filter bar whose values live in the address (`#/runs?status=failed`), so links and reloads keep them. */
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { navigate, toQuery } from '../lib/router';
import type { Option } from './fields';

export interface FilterDef {
  key: string;
  label: string;
  options?: Option[];
  type?: 'text' | 'number' | 'datetime-local';
}

export function FilterBar(props: { base: string; defs: FilterDef[]; values: Record<string, string> }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(props.values);
  const apply = (values: Record<string, string>) => navigate(`${props.base}${toQuery(values)}`);
  return (
    <form
      class="filters card"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      {props.defs.map((def) => (
        <div class="field">
          <label for={`filter-${def.key}`}>{def.label}</label>
          {def.options ? (
            <select
              id={`filter-${def.key}`}
              value={draft[def.key] ?? ''}
              onChange={(event) => setDraft({ ...draft, [def.key]: event.currentTarget.value })}
            >
              <option value="">{t('common.all')}</option>
              {def.options.map((option) => (
                <option value={option.value}>{option.label}</option>
              ))}
            </select>
          ) : (
            <input
              id={`filter-${def.key}`}
              type={(def.type ?? 'text') as 'text'}
              value={draft[def.key] ?? ''}
              onInput={(event) => setDraft({ ...draft, [def.key]: event.currentTarget.value })}
            />
          )}
        </div>
      ))}
      <div class="actions">
        <button type="submit" class="primary">
          {t('common.filter')}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setDraft({});
            apply({});
          }}
        >
          {t('common.clear')}
        </button>
      </div>
    </form>
  );
}

/** The route's query as a plain object, keeping only the known keys. */
export function queryValues(query: URLSearchParams, keys: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of keys) {
    const value = query.get(key);
    if (value) values[key] = value;
  }
  return values;
}

/** Options of an enum, translated by prefix. */
export function enumOptions(t: (key: never) => string, prefix: string, values: readonly string[]): Option[] {
  return values.map((value) => ({ value, label: t(`${prefix}.${value}` as never) }));
}

/** The "sync object" filter every list offers. */
export function objectFilter(label: string, objects: { id: number; name: string }[] | undefined): FilterDef {
  return { key: 'syncObjectId', label, options: (objects ?? []).map((object) => ({ value: String(object.id), label: object.name })) };
}
