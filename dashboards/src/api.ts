/** The hub's own GraphQL API, with the session cookie (same origin); nothing else feeds the pages. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** The argument a BAD_USER_INPUT error names (e.g. `reason`). */
    readonly argument?: string,
  ) {
    super(message);
  }
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  // A gateway's error page or a proxy's sign-in page is HTML: say so, instead of failing to parse it.
  if (!(response.headers.get('content-type') ?? '').includes('json')) {
    throw new ApiError(`HTTP ${response.status} ${response.statusText}: not a GraphQL answer (${response.headers.get('content-type') ?? 'no content type'})`, 'BAD_RESPONSE');
  }
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string; argument?: string } }> };
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code ?? 'ERROR', error.extensions?.argument);
  return body.data as T;
}

export interface Session {
  name: string;
  role: string;
  regionCodes: string[] | null;
  /** A supervisor's categories (null: not held to any). */
  categoryCodes?: string[] | null;
}

export async function currentSession(): Promise<Session | null> {
  const r = await fetch('/dashboards/api/session', { credentials: 'same-origin' });
  return r.ok ? ((await r.json()) as Session) : null;
}

export async function signIn(key: string): Promise<Session> {
  const r = await fetch('/dashboards/api/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  const body = (await r.json()) as Session & { error?: { code: string; message: string } };
  if (!r.ok) throw new ApiError(body.error?.message ?? `sign-in failed (${r.status})`, body.error?.code ?? 'ERROR');
  return body;
}

export async function signOut(): Promise<void> {
  await fetch('/dashboards/api/session', { method: 'DELETE', credentials: 'same-origin' });
}
