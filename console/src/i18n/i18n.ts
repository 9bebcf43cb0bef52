/** The chosen locale (kept in localStorage), message lookup and Intl formatting in that locale. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type MessageKey } from './en';
import { es } from './es';

export type Locale = 'en' | 'es';
export const LOCALES: Locale[] = ['en', 'es'];
const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, es };
const STORAGE_KEY = 'synchro.locale';

export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'es') return stored;
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

export function storeLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

export type Params = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  t(key: MessageKey, params?: Params): string;
  date(value: string | Date | null | undefined): string;
  number(value: number | null | undefined): string;
  setLocale(locale: Locale): void;
}

export function makeI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
  const numbers = new Intl.NumberFormat(locale);
  return {
    locale,
    setLocale,
    t: (key, params) => {
      let text = CATALOGS[locale][key];
      for (const [name, value] of Object.entries(params ?? {})) {
        text = text.replaceAll(`{${name}}`, typeof value === 'number' ? numbers.format(value) : value);
      }
      return text;
    },
    date: (value) => (value ? dates.format(new Date(value)) : '—'),
    number: (value) => (value === null || value === undefined ? '—' : numbers.format(value)),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en', () => undefined));
export const useI18n = (): I18n => useContext(I18nContext);
