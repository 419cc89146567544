// Entry: loads the runtime settings (/config.json) and the saved sign-in, then renders the shop, or says
// plainly what is missing when the settings cannot be read.
import { loadConfig } from '@commerce/web-kit';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { router } from './router.tsx';
import { createShop, ShopProvider } from './shop.tsx';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);

const queryClient = new QueryClient({
  defaultOptions: {
    // A 4xx will not change on a retry; a network blip or a 5xx may.
    queries: {
      staleTime: 30_000,
      retry: (count, error) => count < 2 && !(error instanceof Error && error.name === 'ApiProblem'),
    },
  },
});

try {
  const shop = await createShop(await loadConfig());
  root.render(
    <StrictMode>
      <ShopProvider shop={shop}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ShopProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <main>
      <h1>The shop is not available</h1>
      <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
    </main>,
  );
}
