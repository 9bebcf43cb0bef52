/** Destructive or wide actions ask first, in a modal dialog (keyboard: Esc cancels, focus starts on Cancel). */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

export function ConfirmButton(props: {
  label: string;
  /** The question; a function when it needs data fetched first (e.g. a count, or a preview of the rows it will touch). */
  message: string | (() => Promise<ComponentChildren>);
  onConfirm: () => Promise<void> | void;
  danger?: boolean;
  children?: ComponentChildren;
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [question, setQuestion] = useState<ComponentChildren>('');
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    try {
      setQuestion(typeof props.message === 'string' ? props.message : await props.message());
      dialog.current?.showModal();
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    dialog.current?.close();
    setBusy(true);
    try {
      await props.onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class={props.danger ? 'danger' : 'secondary'} disabled={busy} onClick={open}>
        {props.label}
      </button>
      <dialog ref={dialog} class="confirm">
        {typeof question === 'string' ? <p>{question}</p> : question}
        {props.children}
        <div class="actions">
          <button type="button" class="secondary" autofocus onClick={() => dialog.current?.close()}>
            {t('common.cancel')}
          </button>
          <button type="button" class={props.danger ? 'danger' : 'primary'} onClick={confirm}>
            {t('common.confirm')}
          </button>
        </div>
      </dialog>
    </>
  );
}
