// The admin API as the console calls it: PATCH on this origin, the session cookie sent by the
// browser, the CSRF token from sign-in in its header. A 401 (expired or invalid session) ends
// the session in the page.

/** Raised for every refused call; `code` is the admin API's error code. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function createApi(session, onSessionEnded) {
  return async function call(path, query = {}) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
    }
    const text = params.toString();
    const url = text === '' ? path : `${path}?${text}`;
    const response = await fetch(url, { method: 'PATCH', headers: { 'x-console-csrf': session.csrfToken }, credentials: 'same-origin' });
    const answer = await response.json().catch(() => undefined);
    if (response.ok) return answer;
    const code = answer?.error?.code ?? 'Unknown';
    const message = answer?.error?.message ?? response.statusText;
    if (response.status === 401) onSessionEnded(code === 'ConsoleSessionExpired' ? 'Your session has expired: sign in again.' : message);
    throw new ApiError(response.status, code, message);
  };
}
