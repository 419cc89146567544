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
  type RouteComponent,
} from '@tanstack/react-router';
import type { JSX } from 'react';
import { ORDER_STATUSES, type OrderStatus } from '../sections/orders/order-status.ts';
import { PROMOTION_STATUSES, type PromotionStatus } from '../sections/promotions/promotion-status.ts';
import { PRODUCT_ID, REVIEW_STATUSES, type ReviewStatus } from '../sections/reviews/review-status.ts';
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

/** A page without search parameters; `needs` is the API route whoever opens it must be allowed to call. */
function page<const TPath extends string>(
  path: TPath,
  needs: RouteNeed | undefined,
  component: RouteComponent,
) {
  return createRoute({ getParentRoute: () => rootRoute, path, staticData: needing(needs), component });
}

// Built apart from addChildren: inline, its contextual type makes every route's inferred types `any`.
const pages = [
  page(CALLBACK_PATH, undefined, AuthCallback),
  page('/', undefined, Home),
  page(
    '/products',
    NEEDS.products,
    lazyRouteComponent(() => import('../sections/catalog/product-list.tsx'), 'ProductList'),
  ),
  page(
    '/products/new',
    NEEDS.createProduct,
    lazyRouteComponent(() => import('../sections/catalog/product-create.tsx'), 'ProductCreate'),
  ),
  page(
    '/products/$id',
    NEEDS.editProduct,
    lazyRouteComponent(() => import('../sections/catalog/product-edit.tsx'), 'ProductEdit'),
  ),
  page(
    '/categories',
    NEEDS.categories,
    lazyRouteComponent(() => import('../sections/catalog/categories.tsx'), 'Categories'),
  ),
  page(
    '/search',
    NEEDS.search,
    lazyRouteComponent(() => import('../sections/search/search-page.tsx'), 'SearchPage'),
  ),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/prices',
    staticData: needing(NEEDS.prices),
    validateSearch: (search: Record<string, unknown>): { sku?: string } => ({ sku: text(search.sku) }),
    component: lazyRouteComponent(() => import('../sections/pricing/sku-prices.tsx'), 'SkuPrices'),
  }),
  page(
    '/price-lists',
    NEEDS.priceLists,
    lazyRouteComponent(() => import('../sections/pricing/price-lists.tsx'), 'PriceLists'),
  ),
  page(
    '/tax-rules',
    NEEDS.taxRules,
    lazyRouteComponent(() => import('../sections/pricing/tax-rules.tsx'), 'TaxRules'),
  ),
  page(
    '/warehouses',
    NEEDS.warehouses,
    lazyRouteComponent(() => import('../sections/inventory/warehouses.tsx'), 'Warehouses'),
  ),
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
  page(
    '/orders/$id',
    NEEDS.order,
    lazyRouteComponent(() => import('../sections/orders/order-detail.tsx'), 'OrderDetail'),
  ),
  page(
    '/customers',
    NEEDS.customers,
    lazyRouteComponent(() => import('../sections/customers/customer-list.tsx'), 'CustomerList'),
  ),
  page(
    '/customers/$id',
    NEEDS.customer,
    lazyRouteComponent(() => import('../sections/customers/customer-detail.tsx'), 'CustomerDetail'),
  ),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/promotions',
    staticData: needing(NEEDS.promotions),
    validateSearch: (search: Record<string, unknown>): { status?: PromotionStatus } => ({
      status: PROMOTION_STATUSES.find((s) => s === search.status),
    }),
    component: lazyRouteComponent(() => import('../sections/promotions/promotion-list.tsx'), 'PromotionList'),
  }),
  page(
    '/promotions/new',
    NEEDS.createPromotion,
    lazyRouteComponent(() => import('../sections/promotions/promotion-create.tsx'), 'PromotionCreate'),
  ),
  page(
    '/promotions/$id',
    NEEDS.promotion,
    lazyRouteComponent(() => import('../sections/promotions/promotion-edit.tsx'), 'PromotionEdit'),
  ),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/reviews',
    staticData: needing(NEEDS.reviews),
    validateSearch: (search: Record<string, unknown>): { status?: ReviewStatus; productId?: string } => {
      const productId = text(search.productId);
      return {
        status: REVIEW_STATUSES.find((s) => s === search.status),
        productId: productId && PRODUCT_ID.test(productId) ? productId : undefined,
      };
    },
    component: lazyRouteComponent(() => import('../sections/reviews/review-list.tsx'), 'ReviewList'),
  }),
  page(
    '/reviews/$id',
    NEEDS.review,
    lazyRouteComponent(() => import('../sections/reviews/review-detail.tsx'), 'ReviewDetail'),
  ),
  page(
    '/shipping/zones',
    NEEDS.zones,
    lazyRouteComponent(() => import('../sections/shipping/zones.tsx'), 'Zones'),
  ),
  page(
    '/shipping/methods',
    NEEDS.methods,
    lazyRouteComponent(() => import('../sections/shipping/methods.tsx'), 'Methods'),
  ),
  page(
    '/users',
    NEEDS.users,
    lazyRouteComponent(() => import('../sections/users/user-list.tsx'), 'UserList'),
  ),
  page(
    '/users/new',
    NEEDS.inviteUser,
    lazyRouteComponent(() => import('../sections/users/user-invite.tsx'), 'UserInvite'),
  ),
  page(
    '/users/$id',
    NEEDS.user,
    lazyRouteComponent(() => import('../sections/users/user-detail.tsx'), 'UserDetail'),
  ),
  page(
    '/operations',
    NEEDS.deadLetterQueues,
    lazyRouteComponent(() => import('../sections/operations/dead-letter-queues.tsx'), 'DeadLetterQueues'),
  ),
  page(
    '/account/security',
    undefined,
    lazyRouteComponent(() => import('../account/security.tsx'), 'Security'),
  ),
] as const;

const routeTree = rootRoute.addChildren(pages);

export function createConsoleRouter() {
  return createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });
}

export type ConsoleRouter = ReturnType<typeof createConsoleRouter>;
