// The shop's routes (code-based): the catalog, cart and sign-in callback load with the app; search results,
// checkout, the 3-D Secure stand-in, confirmation, account, sign-up and a guest's review link are split off
// and load when first visited.
import { CALLBACK_PATH } from '@commerce/web-kit';
import {
  createRootRoute,
  createRoute,
  createRouter,
  Link,
  lazyRouteComponent,
  type RouteComponent,
} from '@tanstack/react-router';
import { Layout } from './layout.tsx';
import { AuthCallbackPage } from './pages/auth-callback.tsx';
import { CartPage } from './pages/cart.tsx';
import { CategoryPage, HomePage } from './pages/catalog.tsx';
import { ProductPage } from './pages/product.tsx';
import { readSearchParams } from './search-params.ts';

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the shop</Link>
      </p>
    </>
  );
}

const rootRoute = createRootRoute({ component: Layout, notFoundComponent: NotFound });

/** A page of the shop at `path`; the `component` of a split-off page is a lazyRouteComponent. */
function page<const TPath extends string>(path: TPath, component: RouteComponent) {
  return createRoute({ getParentRoute: () => rootRoute, path, component });
}

const routes = [
  page('/', HomePage),
  page('/categories/$slug', CategoryPage),
  page('/products/$handle', ProductPage),
  page('/cart', CartPage),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/search',
    // The results' state is the URL's, so back, forward and a shared link show the same page.
    validateSearch: readSearchParams,
    component: lazyRouteComponent(() => import('./pages/search.tsx'), 'SearchPage'),
  }),
  page(
    '/checkout',
    lazyRouteComponent(() => import('./pages/checkout.tsx'), 'CheckoutPage'),
  ),
  page(
    '/checkout/authenticate',
    lazyRouteComponent(() => import('./pages/authenticate.tsx'), 'AuthenticatePage'),
  ),
  page(
    '/orders/$id/confirmation',
    lazyRouteComponent(() => import('./pages/confirmation.tsx'), 'ConfirmationPage'),
  ),
  page(
    '/account',
    lazyRouteComponent(() => import('./pages/account.tsx'), 'AccountPage'),
  ),
  page(
    '/account/orders',
    lazyRouteComponent(() => import('./pages/account.tsx'), 'OrdersPage'),
  ),
  page(
    '/account/orders/$id',
    lazyRouteComponent(() => import('./pages/account.tsx'), 'OrderPage'),
  ),
  page(
    '/account/reviews',
    lazyRouteComponent(() => import('./pages/account-reviews.tsx'), 'AccountReviewsPage'),
  ),
  page(
    '/review/$token',
    lazyRouteComponent(() => import('./pages/review-invitation.tsx'), 'ReviewInvitationPage'),
  ),
  page(
    '/sign-up',
    lazyRouteComponent(() => import('./pages/sign-up.tsx'), 'SignUpPage'),
  ),
  page(CALLBACK_PATH, AuthCallbackPage),
] as const;

const routeTree = rootRoute.addChildren(routes);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
