/** The console's frame: sign-in gate, navigation, language switch, and the page for the current route. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { listAlerts } from './api/queries';
import { session } from './api/session';
import { LanguageSwitch } from './components/language';
import { I18nContext, initialLocale, makeI18n, storeLocale, useI18n, type Locale } from './i18n/i18n';
import type { MessageKey } from './i18n/en';
import { useInterval, useLoad } from './lib/hooks';
import { useRoute } from './lib/router';
import { AlertCount } from './pages/alerts';
import { SignIn } from './pages/sign-in';
import { resolvePage } from './routes';

const NAV: [string, MessageKey][] = [
  ['#/', 'nav.overview'],
  ['#/alerts', 'nav.alerts'],
  ['#/sync-objects', 'nav.syncObjects'],
  ['#/web-services', 'nav.webServices'],
  ['#/sync-models', 'nav.syncModels'],
  ['#/runs', 'nav.runs'],
  ['#/change-log', 'nav.changeLog'],
  ['#/tracking', 'nav.tracking'],
  ['#/errors', 'nav.errors'],
  ['#/settings', 'nav.settings'],
];

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const i18n = useMemo(
    () =>
      makeI18n(locale, (next) => {
        storeLocale(next);
        setLocale(next);
      }),
    [locale],
  );
  const [signedIn, setSignedIn] = useState(() => session.token() !== null);
  useEffect(() => session.subscribe(() => setSignedIn(session.token() !== null)), []);
  useEffect(() => storeLocale(locale), [locale]);
  return <I18nContext.Provider value={i18n}>{signedIn ? <Shell /> : <SignIn />}</I18nContext.Provider>;
}

function Shell() {
  const { t } = useI18n();
  const route = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [route.path]);
  // The alert count in the navigation: read again on every page change and every 15 s.
  const alerts = useLoad(listAlerts, [route.path]);
  useInterval(alerts.reload, 15_000, true);
  const section = '#/' + route.path.split('/')[1];
  return (
    <div class="shell">
      <a class="skip" href="#main" onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skip')}
      </a>
      <header class="topbar">
        <button type="button" class="menu-toggle secondary" aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)}>
          {t('app.menu')}
        </button>
        <a class="brand" href="#/">
          {t('app.title')}
        </a>
        <div class="topbar-end">
          <LanguageSwitch />
          <button type="button" class="secondary" onClick={() => session.signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <nav class={menuOpen ? 'sidebar open' : 'sidebar'} aria-label={t('app.menu')}>
        <ul>
          {NAV.map(([href, key]) => (
            <li>
              <a href={href} aria-current={section === href || (href === '#/' && route.path === '/') ? 'page' : undefined}>
                {t(key)}
                {href === '#/alerts' && <AlertCount alerts={alerts.data} />}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {resolvePage(route)}
      </main>
    </div>
  );
}
