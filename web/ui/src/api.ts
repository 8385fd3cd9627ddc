// The one module that talks to the server. The browser session is the HttpOnly cookie of
// POST /api/v1/session plus the X-CSRF-Token header on state-changing requests; no credential is ever
// kept where page scripts could read it (no Bearer token, nothing in sessionStorage or localStorage).

export interface User { login: string; name?: string; email?: string; groups: string[]; admin: boolean; homeFolderId?: string }
export interface Session { user: User; csrfToken?: string; idleTimeoutSeconds?: number }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

let csrfToken: string | undefined;
let onUnauthorized: (code: string) => void = () => {};

export function setUnauthorizedHandler(handler: (code: string) => void) { onUnauthorized = handler; }

/** Headers that authenticate a request the browser makes itself (tus uploads). */
export function authHeaders(): Record<string, string> {
  const h: Record<string, string> = {};
  if (csrfToken) h['X-CSRF-Token'] = csrfToken;
  return h;
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`, message = res.statusText || `HTTP ${res.status}`;
  try {
    const body = await res.json();
    if (body?.error) code = body.error;
    if (body?.message) message = body.message;
  } catch { /* not JSON */ }
  return new ApiError(res.status, code, message);
}

export interface Page<T> { items: T[]; total: number }

export async function request(method: string, path: string, body?: unknown, opts: { quiet401?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(), ...(opts.headers ?? {}) };
  let payload: BodyInit | undefined;
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  let res: Response;
  try {
    res = await fetch(path.startsWith('/') ? path : `/api/v1/${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached.');
  }
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401 && !opts.quiet401) onUnauthorized(err.code);
    throw err;
  }
  return res;
}

export async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await request(method, path, body);
  if (res.status === 204) return undefined as T;
  return res.json() as Promise<T>;
}

export async function page<T>(path: string): Promise<Page<T>> {
  const res = await request('GET', path);
  const items = (await res.json()) as T[];
  const total = Number(res.headers.get('Sinfonia-Total-Count') ?? items.length);
  return { items, total };
}

export const get = <T>(path: string) => json<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => json<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => json<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => json<T>('PATCH', path, body);
export const del = (path: string) => json<void>('DELETE', path);

async function withUser(s: Session): Promise<Session> {
  // homeFolderId lives in /users/me, the session answer may not carry it.
  const me = await get<User>('users/me');
  return { ...s, user: { ...s.user, ...me } };
}

export async function login(username: string, password: string): Promise<Session> {
  const res = await fetch('/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }), credentials: 'same-origin',
  });
  if (!res.ok) throw await errorOf(res);
  const s = (await res.json()) as Session;
  csrfToken = s.csrfToken;
  return withUser(s);
}

/** The current session, or null when signed out. */
export async function currentSession(): Promise<Session | null> {
  const res = await fetch('/api/v1/session', { headers: { Accept: 'application/json', ...authHeaders() }, credentials: 'same-origin' });
  if (res.ok) {
    const s = (await res.json()) as Session;
    csrfToken = s.csrfToken;
    return withUser(s);
  }
  return null;
}

export async function logout(): Promise<void> {
  try {
    await request('DELETE', 'session', undefined, { quiet401: true });
  } catch { /* already gone */ }
  forgetCredentials();
}

export function forgetCredentials() {
  csrfToken = undefined;
}

export const q = (params: Record<string, string | number | boolean | undefined | null>) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
};
