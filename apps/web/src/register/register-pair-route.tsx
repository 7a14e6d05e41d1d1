import { getRouteApi } from '@tanstack/react-router';
import { RegisterPairPage } from './register-pair-page';

const route = getRouteApi('/register/pair');

export function RegisterPairRoute() {
  const { code } = route.useSearch();
  return <RegisterPairPage code={code} />;
}
