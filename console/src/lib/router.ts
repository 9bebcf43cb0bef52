/**
 * Hash routing (`/admin/#/sync-objects/3`): the server serves one file and needs no fallback rule.
 * Leaving a form with unsaved changes asks first (the unsaved-changes guard).
 */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  path: string;
  query: URLSearchParams;
}

/** Forms with unsaved changes (several forms may share a page), each with the question to ask. */
const unsaved = new Map<object, string>();
let current = window.location.hash;

/** A form registers its unsaved state; null when clean. */
export function setUnsaved(form: object, message: string | null): void {
  if (message) unsaved.set(form, message);
  else unsaved.delete(form);
}

const dirtyMessage = (): string | null => unsaved.values().next().value ?? null;

window.addEventListener('beforeunload', (event) => {
  if (unsaved.size) event.preventDefault();
});

function parse(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(query) };
}

export function navigate(to: string): void {
  window.location.hash = to;
}

export function useRoute(): Route {
  // What this router renders is the address it starts from (`current` may be left from one mounted before it).
  const [route, setRoute] = useState(() => parse((current = window.location.hash)));
  useEffect(() => {
    const onChange = () => {
      if (window.location.hash === current) return;
      const question = dirtyMessage();
      if (question && !window.confirm(question)) {
        // Stay: put the old address back without re-rendering.
        window.history.replaceState(null, '', current || '#/');
        return;
      }
      unsaved.clear();
      current = window.location.hash;
      setRoute(parse(current));
    };
    window.addEventListener('hashchange', onChange);
    // The effect runs after the first paint: an address changed in between fired its event before anyone listened.
    onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** `/sync-objects/:id` against `/sync-objects/3` → {id: '3'}; null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** A query string from the non-empty values. */
export function toQuery(values: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}
