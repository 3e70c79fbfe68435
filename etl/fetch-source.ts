/** A failure worth retrying: the source is down or busy, not wrong. */
export class TransientError extends Error {}

/**
 * GETs from a source system. Unreachable, 5xx and 429 are transient (the runner retries
 * them with backoff); any other refusal is a real error with the source's own words.
 */
export async function fetchFromSource(url: URL | string, opts: { token?: string; signal: AbortSignal; what: string }): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {}, signal: opts.signal });
  } catch (error) {
    if (opts.signal.aborted) throw error;
    throw new TransientError(`cannot reach ${opts.what}: ${(error as Error).message}`);
  }
  if (response.status >= 500 || response.status === 429) throw new TransientError(`${opts.what} answered ${response.status}`);
  if (!response.ok) throw new Error(`${opts.what} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response;
}

/** The token a job names by environment variable; a job that names one must have it. */
export function requiredToken(job: { tokenEnv?: string | undefined }, secret: (name: string) => string | undefined): string | undefined {
  if (!job.tokenEnv) return undefined;
  const token = secret(job.tokenEnv);
  if (!token) throw new Error(`environment variable ${job.tokenEnv} (the source's token) is not set`);
  return token;
}
