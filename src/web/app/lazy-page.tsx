import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { Loading } from '../components/status.tsx';

/** A page whose code is downloaded the first time it is shown (or earlier, by `preload`). */
export type LazyPage = {
  /** The route element: the page inside a Suspense boundary that shows the usual Loading card. */
  element: ReactElement;
  /** Starts the download now (idempotent): the first screen's chunk comes alongside the session check. */
  preload: () => Promise<unknown>;
};

/**
 * Route-level code splitting (issue 13, "first screen fast on a slow phone"): each feature page is
 * its own chunk, loaded with React.lazy, so the first screen downloads only its own code. The
 * service worker precaches every chunk (vite.config.ts, globPatterns), so pages open offline too.
 * A page whose code has arrived already (preloaded: the first screen, see main.tsx) renders
 * straight away, without a pass through the Loading card (a second render and layout on a slow
 * phone's CPU).
 */
export function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
  label = 'Loading…',
): LazyPage {
  let pending: Promise<Record<Name, ComponentType>> | undefined;
  let loaded: ComponentType | undefined;
  const preload = () => {
    pending ??= load().then(
      (module) => {
        loaded = module[name];
        return module;
      },
      (error: unknown) => {
        // A failed download (a flaky network) is tried again the next time the page is opened.
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  const Lazy = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await preload())[name] }));
  function Page() {
    const Loaded = loaded;
    return Loaded ? <Loaded /> : <Lazy />;
  }
  return {
    element: (
      <Suspense fallback={<Loading label={label} />}>
        <Page />
      </Suspense>
    ),
    preload,
  };
}
