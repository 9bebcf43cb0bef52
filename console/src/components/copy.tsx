/** A code block with a copy button. */
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

export function CopyBlock(props: { text: string; label: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(props.text);
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1500);
  };
  return (
    <figure class="code">
      <figcaption>
        <span>{props.label}</span>
        <button type="button" class="secondary small" onClick={copy} aria-label={`${t('common.copy')}: ${props.label}`}>
          {copied ? t('common.copied') : t('common.copy')}
        </button>
      </figcaption>
      <pre>
        <code>{props.text}</code>
      </pre>
    </figure>
  );
}

/** A value as indented JSON. */
export function JsonView({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span class="muted">—</span>;
  return <pre class="json">{JSON.stringify(value, null, 2)}</pre>;
}
