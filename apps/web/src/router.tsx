import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { isBackofficeSession, meQueryOptions } from './auth/me-query';
import { NotFoundPage } from './shell/not-found-page';
import { LandingPage } from './landing/landing-page';
import { safeRedirect } from './lib/safe-redirect';
import { validateProductListSearch } from './backoffice/catalog/product-list-search';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const landingRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: LandingPage });

// ---- Back office (lazy: a register never needs this code) ----

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/backoffice/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' ? { redirect: search.redirect } : {},
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions());
    if (isBackofficeSession(me)) {
      throw redirect({ to: safeRedirect(search.redirect) });
    }
  },
  component: lazyRouteComponent(() => import('./backoffice/login-route'), 'LoginRoute'),
});

/** Pathless layout: everything under it needs a back-office session. */
const backofficeRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'backoffice',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions());
    if (!isBackofficeSession(me)) {
      throw redirect({ to: '/backoffice/login', search: { redirect: location.href } });
    }
  },
  component: lazyRouteComponent(() => import('./backoffice/backoffice-layout'), 'BackofficeLayout'),
});

const dashboardRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice',
  component: lazyRouteComponent(() => import('./backoffice/dashboard-page'), 'DashboardPage'),
});

const devicesRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice/devices',
  component: lazyRouteComponent(() => import('./backoffice/devices/devices-page'), 'DevicesPage'),
});

const auditRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice/audit',
  component: lazyRouteComponent(() => import('./backoffice/audit/audit-page'), 'AuditPage'),
});

const productsRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice/products',
  validateSearch: validateProductListSearch,
  component: lazyRouteComponent(() => import('./backoffice/catalog/products-page'), 'ProductsPage'),
});

const productNewRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice/products/new',
  component: lazyRouteComponent(
    () => import('./backoffice/catalog/product-editor-page'),
    'ProductEditorPage',
  ),
});

const productEditRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice/products/$productId',
  component: lazyRouteComponent(
    () => import('./backoffice/catalog/product-editor-page'),
    'ProductEditorPage',
  ),
});

const categoriesRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice/categories',
  component: lazyRouteComponent(() => import('./backoffice/catalog/categories-page'), 'CategoriesPage'),
});

const taxRatesRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice/tax-rates',
  component: lazyRouteComponent(() => import('./backoffice/catalog/tax-rates-page'), 'TaxRatesPage'),
});

const promotionsRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice/promotions',
  component: lazyRouteComponent(() => import('./backoffice/catalog/promotions-page'), 'PromotionsPage'),
});

const importRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice/import',
  component: lazyRouteComponent(() => import('./backoffice/catalog/import-page'), 'ImportPage'),
});

const receiptsRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice/receipts',
  component: lazyRouteComponent(() => import('./backoffice/receipts/receipt-template-page'), 'ReceiptTemplatePage'),
});

const printersRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/backoffice/printers',
  component: lazyRouteComponent(() => import('./backoffice/printers/printers-page'), 'PrintersPage'),
});

const fleetRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/fleet',
  component: lazyRouteComponent(() => import('./backoffice/placeholder-page'), 'FleetPage'),
});

const kioskRoute = createRoute({
  getParentRoute: () => backofficeRoute,
  path: '/kiosk',
  component: lazyRouteComponent(() => import('./backoffice/placeholder-page'), 'KioskPage'),
});

// ---- Register ----

const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/register',
  component: lazyRouteComponent(() => import('./register/register-page'), 'RegisterPage'),
});

const registerPairRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/register/pair',
  validateSearch: (search: Record<string, unknown>): { code?: string } =>
    typeof search.code === 'string' ? { code: search.code } : {},
  component: lazyRouteComponent(() => import('./register/register-pair-route'), 'RegisterPairRoute'),
});

const routeTree = rootRoute.addChildren([
  landingRoute,
  loginRoute,
  backofficeRoute.addChildren([
    dashboardRoute,
    productsRoute,
    productNewRoute,
    productEditRoute,
    categoriesRoute,
    taxRatesRoute,
    promotionsRoute,
    importRoute,
    devicesRoute,
    receiptsRoute,
    printersRoute,
    auditRoute,
    fleetRoute,
    kioskRoute,
  ]),
  registerRoute,
  registerPairRoute,
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Query owns caching; the router should always re-run guards.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
