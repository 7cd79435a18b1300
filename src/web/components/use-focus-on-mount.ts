import { useLayoutEffect, useRef } from 'react';

/**
 * A ref that moves the keyboard focus to its element once, when it first appears: for the
 * "Yes, delete" and "Yes, move it" buttons that replace the button just pressed (which leaves the
 * page, and the focus with it). In place of `autoFocus`, which the HTML attribute only honours
 * while the page loads; React polyfilled it, Preact (decision 016) leaves it to the browser.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  // In the commit that shows the element (not a frame later, as useEffect would be with Preact).
  useLayoutEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
