import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker vite-plugin-pwa built (dist/web/sw.js): the shell and the last-seen
 * page data then open without a network. A new worker takes over at once (autoUpdate) and the
 * next navigation uses the new build.
 */
export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
