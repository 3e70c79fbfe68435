import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from './helpers/test-hub';

/**
 * Security headers (issue 10, findings 12 and 13): a strict Content-Security-Policy on the
 * dashboard pages, frame and sniffing protection everywhere, HSTS only over HTTPS.
 */
let hub: TestHub;

beforeAll(async () => {
  execFileSync(process.execPath, ['dashboards/ensure-built.mjs'], { stdio: 'inherit' });
  hub = await createTestHub({ TRUST_PROXY: '10.0.0.1' });
}, 120_000);
afterAll(async () => hub?.close());

/** A CSP header as directive → sources. */
const csp = (header: unknown) =>
  Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );

describe('security headers', () => {
  it('gives the dashboard pages a strict CSP: own scripts only, no inline script or eval, no framing', async () => {
    for (const url of ['/dashboards/', '/dashboards']) {
      const r = await hub.app.inject({ method: 'GET', url });
      const policy = csp(r.headers['content-security-policy']);
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['style-src']).toEqual(["'self'"]);
      expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:']);
      expect(policy['connect-src']).toEqual(["'self'"]);
      expect(policy['frame-ancestors']).toEqual(["'none'"]);
      expect(policy['base-uri']).toEqual(["'none'"]);
      expect(policy['form-action']).toEqual(["'self'"]);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(String(r.headers['content-security-policy'])).not.toMatch(/unsafe-(inline|eval)|upgrade-insecure-requests/);
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
    // The built page carries no inline script or style for the policy to block.
    const page = (await hub.app.inject({ method: 'GET', url: '/dashboards/' })).body;
    expect(page).toMatch(/<script type="module" crossorigin src="\/dashboards\/assets\//);
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son\w+=/i);
  });

  it('gives the API answers a policy that loads nothing and may not be framed', async () => {
    const answers = [
      await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{"query":"{ regions { code } }"}' }),
      await hub.app.inject({ method: 'GET', url: '/healthz' }),
      await hub.app.inject({ method: 'GET', url: '/dashboards/api/session' }),
      await hub.app.inject({ method: 'GET', url: '/no-such-route' }),
    ];
    for (const r of answers) {
      const policy = csp(r.headers['content-security-policy']);
      expect(policy['default-src']).toEqual(["'none'"]);
      expect(policy['frame-ancestors']).toEqual(["'none'"]);
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends HSTS only when the request came over HTTPS (here through the trusted proxy)', async () => {
    const viaProxy = await hub.app.inject({ method: 'GET', url: '/dashboards/', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-proto': 'https' } });
    expect(viaProxy.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    const forged = await hub.app.inject({ method: 'GET', url: '/graphql', remoteAddress: '198.51.100.2', headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.headers['strict-transport-security']).toBeUndefined();
  });
});
