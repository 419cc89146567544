// The console's routes (code-based TanStack Router). Each section's screen is its own lazily loaded chunk, so
// the first page loads only the shell; `staticData.needs` names the API route a page stands on.
import { CALLBACK_PATH } from '@commerce/web-kit';
import {
  Outlet,
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  useRouterState,
} from '@tanstack/react-router';
import type { JSX } from 'react';
import { ORDER_STATUSES, type OrderStatus } from '../sections/orders/order-status.ts';
import { NotFound } from '../ui/status-views.tsx';
import { isStaff, useConsole } from './console.tsx';
import { Home } from './home.tsx';
import { NEEDS, type RouteNeed } from './navigation.ts';
import { AuthCallback, NoStaffAccess, SignInPage } from './sign-in.tsx';
import { Shell } from './shell.tsx';

declare module '@tanstack/react-router' {
  interface Register {
    router: ConsoleRouter;
  }
  interface StaticDataRouteOption {
    /** The API route this page stands on; a person the route table refuses it gets "Not allowed". */
    needs?: RouteNeed;
  }
}

function Root(): JSX.Element {
  const { session } = useConsole();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  if (pathname === CALLBACK_PATH) return <Outlet />;
  if (!session) return <SignInPage />;
  if (!isStaff(session)) return <NoStaffAccess email={session.email} />;
  return <Shell />;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const rootRoute = createRootRoute({
  component: Root,
  notFoundComponent: () => <NotFound what="There is no page at this address." />,
});

const needing = (needs: RouteNeed | undefined) => (needs ? { needs } : {});

// Built apart from addChildren: inline, its contextual type makes every route's inferred types `any`.
const pages = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: CALLBACK_PATH,
    staticData: needing(undefined),
    component: AuthCallback,
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/',
    staticData: needing(undefined),
    component: Home,
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/products',
    staticData: needing(NEEDS.products),
    component: lazyRouteComponent(() => import('../sections/catalog/product-list.tsx'), 'ProductList'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/products/new',
    staticData: needing(NEEDS.createProduct),
    component: lazyRouteComponent(() => import('../sections/catalog/product-create.tsx'), 'ProductCreate'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/products/$id',
    staticData: needing(NEEDS.editProduct),
    component: lazyRouteComponent(() => import('../sections/catalog/product-edit.tsx'), 'ProductEdit'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/categories',
    staticData: needing(NEEDS.categories),
    component: lazyRouteComponent(() => import('../sections/catalog/categories.tsx'), 'Categories'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/prices',
    staticData: needing(NEEDS.prices),
    validateSearch: (search: Record<string, unknown>): { sku?: string } => ({ sku: text(search.sku) }),
    component: lazyRouteComponent(() => import('../sections/pricing/sku-prices.tsx'), 'SkuPrices'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/price-lists',
    staticData: needing(NEEDS.priceLists),
    component: lazyRouteComponent(() => import('../sections/pricing/price-lists.tsx'), 'PriceLists'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/tax-rules',
    staticData: needing(NEEDS.taxRules),
    component: lazyRouteComponent(() => import('../sections/pricing/tax-rules.tsx'), 'TaxRules'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/warehouses',
    staticData: needing(NEEDS.warehouses),
    component: lazyRouteComponent(() => import('../sections/inventory/warehouses.tsx'), 'Warehouses'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/stock',
    staticData: needing(NEEDS.stock),
    validateSearch: (search: Record<string, unknown>): { sku?: string } => ({ sku: text(search.sku) }),
    component: lazyRouteComponent(() => import('../sections/inventory/stock.tsx'), 'StockPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/orders',
    staticData: needing(NEEDS.orders),
    validateSearch: (search: Record<string, unknown>): { status?: OrderStatus; q?: string } => ({
      status: ORDER_STATUSES.find((s) => s === search.status),
      q: text(search.q),
    }),
    component: lazyRouteComponent(() => import('../sections/orders/order-list.tsx'), 'OrderList'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/orders/$id',
    staticData: needing(NEEDS.order),
    component: lazyRouteComponent(() => import('../sections/orders/order-detail.tsx'), 'OrderDetail'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/customers',
    staticData: needing(NEEDS.customers),
    component: lazyRouteComponent(() => import('../sections/customers/customer-list.tsx'), 'CustomerList'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/customers/$id',
    staticData: needing(NEEDS.customer),
    component: lazyRouteComponent(
      () => import('../sections/customers/customer-detail.tsx'),
      'CustomerDetail',
    ),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/shipping/zones',
    staticData: needing(NEEDS.zones),
    component: lazyRouteComponent(() => import('../sections/shipping/zones.tsx'), 'Zones'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/shipping/methods',
    staticData: needing(NEEDS.methods),
    component: lazyRouteComponent(() => import('../sections/shipping/methods.tsx'), 'Methods'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/users',
    staticData: needing(NEEDS.users),
    component: lazyRouteComponent(() => import('../sections/users/user-list.tsx'), 'UserList'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/users/new',
    staticData: needing(NEEDS.inviteUser),
    component: lazyRouteComponent(() => import('../sections/users/user-invite.tsx'), 'UserInvite'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/users/$id',
    staticData: needing(NEEDS.user),
    component: lazyRouteComponent(() => import('../sections/users/user-detail.tsx'), 'UserDetail'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/operations',
    staticData: needing(NEEDS.deadLetterQueues),
    component: lazyRouteComponent(
      () => import('../sections/operations/dead-letter-queues.tsx'),
      'DeadLetterQueues',
    ),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/account/security',
    staticData: needing(undefined),
    component: lazyRouteComponent(() => import('../account/security.tsx'), 'Security'),
  }),
] as const;

const routeTree = rootRoute.addChildren(pages);

export function createConsoleRouter() {
  return createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });
}

export type ConsoleRouter = ReturnType<typeof createConsoleRouter>;
