/** Page frame pieces: a title with actions, loading / error states, status badges, notices. */
import type { ComponentChildren } from 'preact';
import type { Loaded } from '../lib/hooks';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';

export function PageHeader(props: { title: string; crumb?: { href: string; label: string }; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <h1>
        {props.crumb && (
          <>
            <a href={props.crumb.href}>{props.crumb.label}</a> /{' '}
          </>
        )}
        {props.title}
      </h1>
      {props.children && <div class="actions">{props.children}</div>}
    </header>
  );
}

/** Renders `children(data)` once loaded; a spinner text before, the error if it failed. */
export function Async<T>(props: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  const { t } = useI18n();
  if (props.state.error) return <ErrorText error={props.state.error} />;
  if (props.state.data === undefined) return <p class="muted">{t('common.loading')}</p>;
  return <>{props.children(props.state.data)}</>;
}

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <p class="form-error" role="alert">
      {t('common.error', { message: error instanceof Error ? error.message : String(error) })}
    </p>
  );
}

export function Notice(props: { children: ComponentChildren; tone?: 'ok' | 'warn' }) {
  return (
    <p class={`notice notice-${props.tone ?? 'ok'}`} role="status">
      {props.children}
    </p>
  );
}

const TONES: Record<string, string> = {
  success: 'ok',
  ok: 'ok',
  done: 'ok',
  failed: 'bad',
  dead: 'bad',
  paused: 'bad',
  partial: 'warn',
  held: 'warn',
  degraded: 'warn',
  pending: 'warn',
  inflight: 'warn',
  running: 'info',
  warning: 'warn',
  critical: 'bad',
};

/** A coloured status word, translated by its prefix (`status`, `health`). */
export function Badge({ prefix, value }: { prefix: 'status' | 'health' | 'level'; value: string }) {
  const { t } = useI18n();
  return <span class={`badge badge-${TONES[value] ?? 'info'}`}>{t(`${prefix}.${value}` as MessageKey)}</span>;
}

export function Section(props: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="card">
      <div class="card-head">
        <h2>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}
