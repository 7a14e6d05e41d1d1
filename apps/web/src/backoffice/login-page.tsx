import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshMe } from '../auth/me-query';
import { authApi } from '../lib/api/endpoints';
import { useErrorMessage } from '../lib/error-message';
import { safeRedirect } from '../lib/safe-redirect';
import { LanguageSelect } from '../shell/language-select';
import { TopBar } from '../shell/top-bar';


export function LoginPage({ redirectTo }: { redirectTo?: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const emailId = useId();
  const passwordId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: () => authApi.login(email.trim(), password),
    onSuccess: async () => {
      await refreshMe(queryClient);
      await navigate({ to: safeRedirect(redirectTo) });
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };

  return (
    <div className="page">
      <TopBar right={<LanguageSelect compact />} />
      <main className="centered" id="main">
        <form className="card login-card" onSubmit={onSubmit} noValidate={false}>
          <h1>{t('login.title')}</h1>
          <p className="muted">{t('login.subtitle')}</p>
          <div className="field">
            <label htmlFor={emailId}>{t('login.email')}</label>
            <input
              id={emailId}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={passwordId}>{t('login.password')}</label>
            <input
              id={passwordId}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          {login.isError && (
            <p className="alert alert--error" role="alert">
              {errorMessage(login.error)}
            </p>
          )}
          <button type="submit" className="button button--primary button--block" disabled={login.isPending}>
            {login.isPending ? t('login.signingIn') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
