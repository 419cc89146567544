// Entry: loads the runtime settings and the stored session, then renders the console (or what is wrong).
import { createUserManager, startApp } from '@commerce/web-kit';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { ConsoleProvider } from './app/console.tsx';
import { createConsoleRouter } from './app/router.tsx';
import { statusOf } from './ui/status-views.tsx';
import './styles.css';

await startApp({
  app: async (config) => {
    // Staff tokens live in sessionStorage: closing the tab ends the session on this machine.
    const userManager = createUserManager(config, { storage: window.sessionStorage });
    const user = await userManager.getUser();
    const queryClient = new QueryClient({
      defaultOptions: {
        queries: {
          // A refusal (4xx) will not change on its own; only network and server errors are worth a retry.
          retry: (failures, error) => (statusOf(error) ?? 500) >= 500 && failures < 2,
          staleTime: 15_000,
        },
      },
    });
    const router = createConsoleRouter();
    return (
      <ConsoleProvider config={config} userManager={userManager} initialUser={user}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ConsoleProvider>
    );
  },
  failed: (message) => (
    <main id="main" className="gate">
      <h1>The admin console cannot start</h1>
      <p role="alert">{message}</p>
    </main>
  ),
});
