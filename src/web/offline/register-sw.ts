import { registerSW } from 'virtual:pwa-register';

/** After the load event, how long the first screen has the network to itself (issue 13). */
const QUIET_AFTER_LOAD_MS = 3000;

/**
 * Registers the service worker vite-plugin-pwa built (dist/web/sw.js): the shell and the last-seen
 * page data then open without a network. A new worker takes over at once (autoUpdate) and the
 * next navigation uses the new build. Registered a few seconds after the page's load event, when
 * the browser is idle: on a first visit the worker's precache (every page chunk, the chart library
 * among them: over half a megabyte) would otherwise share a slow phone connection with the first
 * screen's own data reads, which start only once its code has run.
 */
export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => registerSW({ immediate: true });
  const whenIdle = () => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(register, { timeout: 2000 });
    else register();
  };
  const later = () => window.setTimeout(whenIdle, QUIET_AFTER_LOAD_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
