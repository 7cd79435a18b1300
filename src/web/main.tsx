import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createRouter, preloadPage } from './app/router.tsx';
import { SessionProvider } from './app/session.tsx';
import { registerServiceWorker } from './offline/register-sw.ts';
import './styles/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page is missing its #root element.');

// The first screen's code downloads while the session is checked (its own chunk, issue 13).
preloadPage(window.location.pathname);
const router = createRouter();
// The installable app: the shell and the last-seen page data open offline (issue 13).
registerServiceWorker();

createRoot(container).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
