// Hash routing: "#/folder/ID" etc. The hash keeps the server's SPA fallback out of the way and survives reloads.
import { useEffect, useState } from 'preact/hooks';

export function currentRoute(): string[] {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function navigate(...parts: string[]) {
  location.hash = '#/' + parts.map(encodeURIComponent).join('/');
}

export const href = (...parts: string[]) => '#/' + parts.map(encodeURIComponent).join('/');

export function useRoute(): string[] {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const on = () => setRoute(currentRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
