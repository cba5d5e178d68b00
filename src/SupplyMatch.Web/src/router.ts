import type { Me } from './session';

/** A screen: renders into root; may return a function that stops its timers when the screen is left. */
export type View = (root: HTMLElement, params: Record<string, string>) => void | (() => void) | Promise<void | (() => void)>;

export interface Route {
  pattern: string;
  roles: Array<Me['role']>;
  view: View;
}

export function match(routes: Route[], path: string): { route: Route; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.pattern.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return p === parts[i];
    });
    if (ok) return { route, params };
  }
  return null;
}

export function currentPath(): string {
  return location.hash.replace(/^#/, '').split('?')[0] || '/';
}

export function query(): URLSearchParams {
  return new URLSearchParams(location.hash.split('?')[1] ?? '');
}

export function go(path: string): void {
  location.hash = `#${path}`;
}
