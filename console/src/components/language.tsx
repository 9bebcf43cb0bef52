/** English / Español switch; the choice is remembered in localStorage. */
import { LOCALES, useI18n, type Locale } from '../i18n/i18n';

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label class="lang">
      <span class="sr-only">{t('app.language')}</span>
      <select value={locale} onChange={(event) => setLocale(event.currentTarget.value as Locale)} aria-label={t('app.language')}>
        {LOCALES.map((code) => (
          <option value={code}>{code === 'en' ? 'English' : 'Español'}</option>
        ))}
      </select>
    </label>
  );
}
