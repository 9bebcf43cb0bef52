/** Sign-in with the admin token; it is checked against the API before it is kept. */
import { useState } from 'preact/hooks';
import { session } from '../api/session';
import { LanguageSwitch } from '../components/language';
import { useI18n } from '../i18n/i18n';

export function SignIn() {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await fetch('/api/settings', { headers: { Authorization: `Bearer ${token.trim()}` } });
      if (answer.status === 401) setError(t('signIn.bad'));
      else if (!answer.ok) setError(t('common.error', { message: answer.statusText }));
      else session.signIn(token.trim());
    } catch (failure) {
      setError(t('common.error', { message: String(failure) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in" id="main">
      <form class="card" onSubmit={submit}>
        <div class="card-head">
          <h1>{t('signIn.title')}</h1>
          <LanguageSwitch />
        </div>
        <div class="field">
          <label for="token">{t('signIn.token')}</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="current-password"
            required
            value={token}
            aria-invalid={error ? 'true' : undefined}
            onInput={(event) => setToken(event.currentTarget.value)}
          />
          <p class="hint">{t('signIn.hint')}</p>
          {error && (
            <p class="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" class="primary" disabled={busy || token.trim() === ''}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
