// Calls to the SupplyMatch REST API with the session's key. Every failure becomes an ApiError holding the
// RFC 7807 problem the service returned (or a synthetic one for network failures).

const KEY_STORE = 'supplymatch.apiKey';

export interface Violation {
  field: string;
  rule: string;
  message: string;
  /** The message in Chinese, when the service has it (with the same limits or dates as the English). */
  messageZh?: string;
}

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  violations?: Violation[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

export function apiKey(): string | null {
  return sessionStorage.getItem(KEY_STORE);
}

export function setApiKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_STORE, key);
  else sessionStorage.removeItem(KEY_STORE);
}

/** Sends a request with the session's key; a failure (network or an error status) becomes an ApiError. */
async function request(method: string, path: string, headers: Record<string, string>, body?: BodyInit, key = apiKey()): Promise<Response> {
  if (key) headers['X-Api-Key'] = key;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', detail: 'The service did not answer.' });
  }
  if (!response.ok) {
    const text = await response.text();
    const json = text.length > 0 && (response.headers.get('Content-Type') ?? '').includes('json') ? JSON.parse(text) : null;
    const problem: Problem = json && typeof json === 'object' ? json : { status: response.status, code: '' };
    problem.status ??= response.status;
    problem.code ||= `http_${response.status}`;
    throw new ApiError(problem);
  }
  return response;
}

async function send<T>(method: string, path: string, body?: BodyInit, contentType?: string, key = apiKey()): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (contentType) headers['Content-Type'] = contentType;
  const response = await request(method, path, headers, body, key);
  const text = await response.text();
  return (text.length > 0 && (response.headers.get('Content-Type') ?? '').includes('json') ? JSON.parse(text) : null) as T;
}

/** The file name a Content-Disposition header gives (RFC 6266: filename* first), else the fallback. */
function fileName(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * Downloads a file of the API. A plain link cannot send the X-Api-Key header, so the file is fetched with the session's
 * key and saved from a blob under the name the service gives it.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await request('GET', path, { Accept: 'text/csv, */*' });
  const url = URL.createObjectURL(await response.blob());
  const save = document.createElement('a');
  save.href = url;
  save.download = fileName(response.headers.get('Content-Disposition'), fallbackName);
  document.body.append(save);
  save.click();
  save.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const api = {
  get: <T>(path: string, key?: string) => send<T>('GET', path, undefined, undefined, key),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json'),
  put: <T>(path: string, body: unknown) => send<T>('PUT', path, JSON.stringify(body), 'application/json'),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, JSON.stringify(body), 'application/json'),
  del: <T>(path: string) => send<T>('DELETE', path),
  upload: <T>(path: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return send<T>('POST', path, form);
  },
};

/** Every item of a list paged by offset (round results). */
export async function allPages<T>(path: string, pageSize = 1000): Promise<T[]> {
  const items: T[] = [];
  const join = path.includes('?') ? '&' : '?';
  for (let offset = 0; ; offset += pageSize) {
    const page = await api.get<{ items: T[]; nextAfter: string | null }>(`${path}${join}offset=${offset}&limit=${pageSize}`);
    items.push(...page.items);
    if (!page.nextAfter || page.items.length === 0) return items;
  }
}
