/** Hash routes (#/tasks, #/tasks/<id>, #/submit, #/agents): the server needs no fallback for deep links. */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'tasks'; params: URLSearchParams }
  | { name: 'task'; id: string }
  | { name: 'submit' }
  | { name: 'agents' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'tasks' && parts[1]) return { name: 'task', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'submit') return { name: 'submit' };
  if (parts[0] === 'agents') return { name: 'agents' };
  return { name: 'tasks', params: new URLSearchParams(query) };
}

export function navigate(hash: string, replace = false): void {
  if (replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
