import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes, preloadPage } from './app/router.tsx';
import { SessionProvider } from './app/session.tsx';
import { registerServiceWorker } from './offline/register-sw.ts';
import './styles/app.css';
// The log form's few rules (193 bytes) ride in the main stylesheet: one request fewer for /log.
import './styles/quick-log.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page is missing its #root element.');

// Before anything renders (issue 13, a fast first screen on a slow phone): the first screen's code
// downloads (the server's Link header asked for it already on a cold start, alongside the session
// check index.html preloads; from the service worker's cache when warm).
const firstPage = preloadPage(window.location.pathname);
// The installable app: the shell and the last-seen page data open offline (issue 13).
registerServiceWorker();

function render() {
  createRoot(container!).render(
    <StrictMode>
      <SessionProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </StrictMode>,
  );
}

// The first render waits a moment for the page's code, usually there already or a few ms away:
// it then shows the page itself instead of its Loading card and the page in a second pass (each
// pass a render and a layout, costly on a slow phone's CPU). Never longer than FIRST_PAGE_WAIT_MS:
// a page whose code comes over a slow network shows the frame and its Loading card meanwhile.
const FIRST_PAGE_WAIT_MS = 300;
void Promise.race([firstPage, new Promise((resolve) => window.setTimeout(resolve, FIRST_PAGE_WAIT_MS))]).then(render);
