import { isIP } from 'node:net';

/** Whether a listen address serves only this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h.startsWith('::ffff:')) return isLoopback(h.slice(7));
  return h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/**
 * What to tell an operator at start-up when HOST lets other machines in. The hub speaks
 * plain HTTP: API keys and session cookies must cross the network inside TLS, which a
 * reverse proxy provides (with TRUST_PROXY naming it, so cookies are marked Secure).
 */
export function exposureWarning(host: string, env: string, trustProxy: unknown): string | null {
  if (isLoopback(host)) return null;
  const notes = [
    `HOST=${host}: the hub is reachable from other machines over plain HTTP.`,
    'Serve it behind a TLS-terminating reverse proxy (keys and session cookies must not cross the network in clear)',
    trustProxy === false
      ? "and set TRUST_PROXY to that proxy's address so sessions get Secure cookies and sign-in limits see real client addresses."
      : 'with TRUST_PROXY naming it (set).',
  ];
  // Only development opens the schema (introspection, field suggestions) to every key.
  if (env === 'development')
    notes.push('NODE_ENV=development: every key may read the schema (introspection, field suggestions); unset NODE_ENV or set production so only admin keys may.');
  return notes.join(' ');
}
