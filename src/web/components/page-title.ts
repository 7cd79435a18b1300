import { useEffect } from 'react';

/** Sets the browser tab title, e.g. "Profile · Comeback". */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Comeback` : 'Comeback';
  }, [title]);
}
