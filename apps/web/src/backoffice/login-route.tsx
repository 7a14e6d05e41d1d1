import { getRouteApi } from '@tanstack/react-router';
import { LoginPage } from './login-page';

const route = getRouteApi('/backoffice/login');

export function LoginRoute() {
  const { redirect } = route.useSearch();
  return <LoginPage redirectTo={redirect} />;
}
