import { ApiError, networkError, parseApiError } from './api-error';
import { clearDeviceToken, getDeviceToken } from './device-token';

export const API_BASE = '/api/v1';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/**
 * One fetch wrapper for the whole app. The session rides in the httpOnly cookie, so requests
 * are same-origin with credentials; registers add their device token on every call.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const deviceToken = getDeviceToken();
  if (deviceToken) headers['X-Device-Token'] = deviceToken;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw networkError(cause);
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const error = parseApiError(response.status, parsed);
    // A revoked device can do nothing useful any more; forget it so the register re-pairs.
    if (error.isDeviceRejected) clearDeviceToken(error.code);
    throw error;
  }
  if (parsed === undefined && text) throw parseApiError(response.status, undefined);
  return parsed as T;
}

export { ApiError };

/** A file download (CSV export): same auth and error handling as `api`, body as a Blob. */
export async function apiDownload(
  path: string,
  query?: RequestOptions['query'],
): Promise<{ blob: Blob; filename: string | null }> {
  const headers: Record<string, string> = { Accept: 'text/csv, application/json' };
  const deviceToken = getDeviceToken();
  if (deviceToken) headers['X-Device-Token'] = deviceToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { credentials: 'same-origin', headers });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await response.text());
    } catch {
      parsed = undefined;
    }
    throw parseApiError(response.status, parsed);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename="?([^";]+)"?/i.exec(disposition);
  return { blob: await response.blob(), filename: match?.[1] ?? null };
}
