// Entry: loads the runtime settings (/config.json) and the saved sign-in, then renders the shop, or says
// plainly what is missing when the settings cannot be read.
import { startApp } from '@commerce/web-kit';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { router } from './router.tsx';
import { createShop, ShopProvider } from './shop.tsx';
import './styles.css';
import './search.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // A 4xx will not change on a retry; a network blip or a 5xx may.
    queries: {
      staleTime: 30_000,
      retry: (count, error) => count < 2 && !(error instanceof Error && error.name === 'ApiProblem'),
    },
  },
});

await startApp({
  app: async (config) => (
    <ShopProvider shop={await createShop(config)}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ShopProvider>
  ),
  failed: (message) => (
    <main>
      <h1>The shop is not available</h1>
      <p role="alert">{message}</p>
    </main>
  ),
});
