import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes, preloadPage } from './app/router.tsx';
import { lastKnownUser } from './app/last-known.ts';
import { SessionProvider, startSessionCheck } from './app/session.tsx';
import { registerServiceWorker } from './offline/register-sw.ts';
import './styles/app.css';
// The log form's few rules (193 bytes) ride in the main stylesheet: one request fewer for /log.
import './styles/quick-log.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page is missing its #root element.');

// Before anything renders (issue 13, a fast first screen on a slow phone): the first screen's code
// downloads (the server's Link header asked for it already on a cold start, alongside the session
// check index.html preloads; from the service worker's cache when warm).
const { pathname } = window.location;
const firstPage = preloadPage(pathname);
// A signed-in screen on a device that remembers nobody (a cold start) needs the server's answer
// before it can show anything: asked now, it is usually in (preloaded) by the time React renders.
// Sign-in and sign-up show at once without it; a remembered user is shown while it is checked.
const isPublic = pathname === '/sign-in' || pathname === '/sign-up';
const firstSession = isPublic || lastKnownUser() ? Promise.resolve() : startSessionCheck();
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

// The first render waits a moment for the page's code and the session, usually there already or a
// few ms away: it then shows the page itself instead of a Loading card and the page in a second
// pass (each pass a render and a layout, costly on a slow phone's CPU). Never longer than
// FIRST_RENDER_WAIT_MS: over a slow network the frame and a Loading card show meanwhile.
const FIRST_RENDER_WAIT_MS = 300;
void Promise.race([
  Promise.all([firstPage, firstSession]),
  new Promise((resolve) => window.setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
]).then(render);
