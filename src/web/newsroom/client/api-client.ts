/** A failed API call: the HTTP status and the server's error body (message, field, current). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; field?: string; current?: unknown },
  ) {
    super(body.message ?? `The server answered ${status}.`);
  }
}

/** The network itself failed (offline, server down): the caller keeps the work locally. */
export class OfflineError extends Error {
  override name = 'OfflineError';
}

/** The session's CSRF token, from the page's meta tag (every newsroom page carries it). */
export function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

/** Calls the newsroom API with JSON in and out; every write carries the session's CSRF token. */
export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (error) {
    throw new OfflineError(error instanceof Error ? error.message : 'network error');
  }
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) throw new ApiError(response.status, (data ?? {}) as ApiError['body']);
  return data as T;
}
