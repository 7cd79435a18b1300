import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker vite-plugin-pwa built (dist/web/sw.js): the shell and the last-seen
 * page data then open without a network. A new worker takes over at once (autoUpdate) and the
 * next navigation uses the new build. Registered after the page's load event, so that on a first
 * visit the worker's precache (every page chunk) does not compete with the first screen's own
 * downloads on a slow phone connection.
 */
export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => registerSW({ immediate: true });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
