/** Loading data and editing forms: the two things every page does. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { setUnsaved } from './router';

export interface Loaded<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload(): void;
}

/** Runs `load` on mount and whenever `deps` change; `reload()` runs it again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((old) => ({ ...old, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Calls `fn` every `ms` while `active`. */
export function useInterval(fn: () => void, ms: number, active: boolean): void {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    if (!active) return;
    const id = window.setInterval(() => saved.current(), ms);
    return () => window.clearInterval(id);
  }, [ms, active]);
}

export interface Form<T> {
  /** Prefix of the controls' element ids (unique per form on a page). */
  id: string;
  values: T;
  errors: Record<string, string>;
  message: string | null;
  dirty: boolean;
  busy: boolean;
  set<K extends keyof T>(key: K, value: T[K]): void;
  update(patch: Partial<T>): void;
  reset(values: T): void;
  /** Runs `save`; API errors land next to the field they name and what was typed stays. */
  submit(save: (values: T) => Promise<void>): Promise<void>;
}

export function useForm<T>(initial: T, unsavedMessage: string, id = 'f'): Form<T> {
  const token = useRef({});
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setUnsaved(token.current, dirty ? unsavedMessage : null);
    return () => setUnsaved(token.current, null);
  }, [dirty, unsavedMessage]);
  return {
    id,
    values,
    errors,
    message,
    dirty,
    busy,
    set: (key, value) => {
      setValues((old) => ({ ...old, [key]: value }));
      setDirty(true);
    },
    update: (patch) => {
      setValues((old) => ({ ...old, ...patch }));
      setDirty(true);
    },
    reset: (next) => {
      setValues(next);
      setErrors({});
      setMessage(null);
      setDirty(false);
    },
    submit: async (save) => {
      setBusy(true);
      setErrors({});
      setMessage(null);
      try {
        await save(values);
        setDirty(false);
        setUnsaved(token.current, null);
      } catch (error) {
        if (error instanceof ApiError) {
          setErrors(error.byField());
          setMessage(error.message);
        } else setMessage(String(error));
      } finally {
        setBusy(false);
      }
    },
  };
}
