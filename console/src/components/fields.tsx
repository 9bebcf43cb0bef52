/** Labelled form controls bound to a Form; each shows the API's problem for its field underneath. */
import type { ComponentChildren } from 'preact';
import type { Form } from '../lib/hooks';

interface Base<T, K extends keyof T> {
  form: Form<T>;
  name: K;
  label: string;
  /** The field path the API names in its errors, when it differs from `name`. */
  errorKey?: string;
  hint?: string;
}

function Wrap(props: { id: string; label: string; error?: string; hint?: string; children: ComponentChildren; inline?: boolean }) {
  return (
    <div class={props.inline ? 'field field-inline' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && <p class="hint">{props.hint}</p>}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

const idOf = <T,>(form: Form<T>, name: PropertyKey) => `${form.id}-${String(name)}`;
const errorOf = <T,>(form: Form<T>, name: PropertyKey, errorKey?: string) => form.errors[errorKey ?? String(name)];

export function TextField<T, K extends keyof T>(props: Base<T, K> & { type?: 'text' | 'url' | 'password'; autocomplete?: string }) {
  const id = idOf(props.form, props.name);
  const error = errorOf(props.form, props.name, props.errorKey);
  return (
    <Wrap id={id} label={props.label} error={error} hint={props.hint}>
      <input
        id={id}
        name={String(props.name)}
        type={(props.type ?? 'text') as 'text'}
        autocomplete={props.autocomplete ?? 'off'}
        value={(props.form.values[props.name] as string | null) ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(event) => props.form.set(props.name, event.currentTarget.value as T[K])}
      />
    </Wrap>
  );
}

export function TextArea<T, K extends keyof T>(props: Base<T, K> & { rows?: number }) {
  const id = idOf(props.form, props.name);
  const error = errorOf(props.form, props.name, props.errorKey);
  return (
    <Wrap id={id} label={props.label} error={error} hint={props.hint}>
      <textarea
        id={id}
        name={String(props.name)}
        rows={props.rows ?? 3}
        value={(props.form.values[props.name] as string | null) ?? ''}
        aria-invalid={error ? 'true' : undefined}
        onInput={(event) => props.form.set(props.name, event.currentTarget.value as T[K])}
      />
    </Wrap>
  );
}

export function NumberField<T, K extends keyof T>(props: Base<T, K> & { min?: number; max?: number }) {
  const id = idOf(props.form, props.name);
  const error = errorOf(props.form, props.name, props.errorKey);
  return (
    <Wrap id={id} label={props.label} error={error} hint={props.hint}>
      <input
        id={id}
        name={String(props.name)}
        type="number"
        min={props.min}
        max={props.max}
        value={String(props.form.values[props.name] ?? '')}
        aria-invalid={error ? 'true' : undefined}
        onInput={(event) => {
          const text = event.currentTarget.value;
          props.form.set(props.name, (text === '' ? null : Number(text)) as T[K]);
        }}
      />
    </Wrap>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField<T, K extends keyof T>(props: Base<T, K> & { options: Option[]; placeholder?: string; numeric?: boolean }) {
  const id = idOf(props.form, props.name);
  const error = errorOf(props.form, props.name, props.errorKey);
  const value = props.form.values[props.name];
  return (
    <Wrap id={id} label={props.label} error={error} hint={props.hint}>
      <select
        id={id}
        name={String(props.name)}
        value={value === null || value === undefined ? '' : String(value)}
        aria-invalid={error ? 'true' : undefined}
        onChange={(event) => {
          const text = event.currentTarget.value;
          props.form.set(props.name, (props.numeric ? (text === '' ? null : Number(text)) : text) as T[K]);
        }}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function CheckField<T, K extends keyof T>(props: Base<T, K>) {
  const id = idOf(props.form, props.name);
  const error = errorOf(props.form, props.name, props.errorKey);
  return (
    <Wrap id={id} label={props.label} error={error} hint={props.hint} inline>
      <input
        id={id}
        name={String(props.name)}
        type="checkbox"
        checked={Boolean(props.form.values[props.name])}
        onChange={(event) => props.form.set(props.name, event.currentTarget.checked as T[K])}
      />
    </Wrap>
  );
}

/** The form's general message (an error the API did not pin to one field). */
export function FormMessage<T>({ form }: { form: Form<T> }) {
  if (!form.message) return null;
  return (
    <p class="form-error" role="alert">
      {form.message}
    </p>
  );
}
