/**
 * A write-only secret: the form shows only whether one is stored ("set" / "not set") and offers
 * replace or clear. A stored value never reaches the browser, and a typed one is dropped after save.
 */
import { useI18n } from '../i18n/i18n';

export type SecretEdit = { mode: 'keep' } | { mode: 'clear' } | { mode: 'replace'; value: string };

/** The request body's value: omitted (keep), null (clear) or the new value. */
export function secretPatch(edit: SecretEdit): string | null | undefined {
  if (edit.mode === 'clear') return null;
  if (edit.mode === 'replace') return edit.value;
  return undefined;
}

export function SecretField(props: {
  id: string;
  label: string;
  stored: boolean;
  edit: SecretEdit;
  error?: string;
  onChange(edit: SecretEdit): void;
}) {
  const { t } = useI18n();
  const { edit } = props;
  return (
    <div class="field">
      <span class="label" id={`${props.id}-label`}>
        <strong>{props.label}</strong>
      </span>
      <div class="secret" role="group" aria-labelledby={`${props.id}-label`}>
        <span data-testid={`${props.id}-state`} class={props.stored ? 'badge badge-ok' : 'badge badge-info'}>
          {props.stored ? t('secret.set') : t('secret.notSet')}
        </span>
        {edit.mode === 'clear' && <span class="muted">{t('secret.willClear')}</span>}
        {edit.mode === 'replace' && (
          <input
            id={props.id}
            type="password"
            autocomplete="new-password"
            aria-label={`${props.label}: ${t('secret.newValue')}`}
            value={edit.value}
            aria-invalid={props.error ? 'true' : undefined}
            onInput={(event) => props.onChange({ mode: 'replace', value: event.currentTarget.value })}
          />
        )}
        {edit.mode === 'keep' ? (
          <>
            <button type="button" class="secondary small" onClick={() => props.onChange({ mode: 'replace', value: '' })}>
              {t('secret.replace')} <span class="sr-only">{props.label}</span>
            </button>
            {props.stored && (
              <button type="button" class="secondary small" onClick={() => props.onChange({ mode: 'clear' })}>
                {t('secret.clear')} <span class="sr-only">{props.label}</span>
              </button>
            )}
          </>
        ) : (
          <button type="button" class="secondary small" onClick={() => props.onChange({ mode: 'keep' })}>
            {t('secret.keep')} <span class="sr-only">{props.label}</span>
          </button>
        )}
      </div>
      {props.error && (
        <p class="field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}
