/** The frame every edit form shares: title with breadcrumb, save / discard, delete with confirmation, and the outcome. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ConfirmButton } from './confirm';
import { FormMessage } from './fields';
import { Notice, PageHeader } from './page';
import type { Form } from '../lib/hooks';
import { useI18n } from '../i18n/i18n';

export function FormPage<T>(props: {
  form: Form<T>;
  title: string;
  crumb: { href: string; label: string };
  onSave: (values: T) => Promise<void>;
  onDiscard: () => void;
  onDelete?: () => Promise<void>;
  deleteName?: string;
  headerActions?: ComponentChildren;
  notice?: string | null;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const { form } = props;
  const [saved, setSaved] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    let ok = false;
    await form.submit(async (values) => {
      await props.onSave(values);
      ok = true;
    });
    setSaved(ok);
  };
  return (
    <>
      <PageHeader title={props.title} crumb={props.crumb}>
        {props.headerActions}
        {props.onDelete && (
          <ConfirmButton
            danger
            label={t('common.delete')}
            message={t('common.confirmDelete', { name: props.deleteName ?? props.title })}
            onConfirm={() => form.submit(async () => props.onDelete!())}
          />
        )}
      </PageHeader>
      {props.notice && <Notice>{props.notice}</Notice>}
      {saved && !form.dirty && <Notice>{t('common.saved')}</Notice>}
      <form class="card" onSubmit={submit} noValidate>
        {props.children}
        <FormMessage form={form} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={form.busy}>
            {t('common.save')}
          </button>
          <button type="button" class="secondary" disabled={!form.dirty || form.busy} onClick={props.onDiscard}>
            {t('common.discard')}
          </button>
        </div>
      </form>
    </>
  );
}
