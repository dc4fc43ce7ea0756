import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Toaster } from 'sonner';
import { ApiError } from '@/lib/api/problem';
import { onSessionChange, restoreSession } from '@/lib/api/session';
import { createAppRouter } from './router';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused request (4xx) is not retried: the answer will not change by asking again.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.problem.status < 500),
    },
  },
});
const router = createAppRouter(queryClient);

// A session that ends (signed out, or rejected by the server) re-runs the routes' guards: the user lands on the sign-in page.
onSessionChange(() => void router.invalidate());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);
// The first route is chosen once we know whether the session cookie still signs this browser in.
void restoreSession().finally(() =>
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
        <Toaster position="bottom-right" richColors closeButton />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
