import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'prt_';

/** A new random key: 256 bits, URL-safe, with a prefix that makes leaked keys easy to grep for. */
export function generateApiKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/**
 * Keys are high-entropy random strings, so a plain SHA-256 is enough to make the stored
 * value useless to a thief (a slow password hash would only slow every request down).
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function displayPrefix(key: string): string {
  return key.slice(0, PREFIX.length + 6);
}

/** Reads the key from `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
export function keyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers['authorization'];
  const value = Array.isArray(auth) ? auth[0] : auth;
  if (value) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
    if (match) return match[1];
  }
  const apiKey = headers['x-api-key'];
  const v = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  return v?.trim() || undefined;
}
