// The shop's routes (code-based): the catalog, cart and sign-in callback load with the app; checkout, the
// 3-D Secure stand-in, confirmation, account and sign-up are split off and load when first visited.
import { CALLBACK_PATH } from '@commerce/web-kit';
import { createRootRoute, createRoute, createRouter, Link, lazyRouteComponent } from '@tanstack/react-router';
import { Layout } from './layout.tsx';
import { AuthCallbackPage } from './pages/auth-callback.tsx';
import { CartPage } from './pages/cart.tsx';
import { CategoryPage, HomePage } from './pages/catalog.tsx';
import { ProductPage } from './pages/product.tsx';

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

const routes = [
  createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/categories/$slug', component: CategoryPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/products/$handle', component: ProductPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/cart', component: CartPage }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/checkout',
    component: lazyRouteComponent(() => import('./pages/checkout.tsx'), 'CheckoutPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/checkout/authenticate',
    component: lazyRouteComponent(() => import('./pages/authenticate.tsx'), 'AuthenticatePage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/orders/$id/confirmation',
    component: lazyRouteComponent(() => import('./pages/confirmation.tsx'), 'ConfirmationPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/account',
    component: lazyRouteComponent(() => import('./pages/account.tsx'), 'AccountPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/account/orders',
    component: lazyRouteComponent(() => import('./pages/account.tsx'), 'OrdersPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/account/orders/$id',
    component: lazyRouteComponent(() => import('./pages/account.tsx'), 'OrderPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/sign-up',
    component: lazyRouteComponent(() => import('./pages/sign-up.tsx'), 'SignUpPage'),
  }),
  createRoute({ getParentRoute: () => rootRoute, path: CALLBACK_PATH, component: AuthCallbackPage }),
] as const;

const routeTree = rootRoute.addChildren(routes);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
