import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory } from './helpers/factories';
import { createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;

beforeAll(async () => {
  hub = await createTestHub();
  f = new Factory(hub.database.db, hub.services);
});
afterAll(async () => hub?.close());

const signIn = (key: string) => hub.app.inject({ method: 'POST', url: '/dashboards/api/session', payload: { key } });
const cookieOf = (setCookie: string | string[] | undefined) => String(Array.isArray(setCookie) ? setCookie[0] : setCookie);
const graphql = (cookie: string, query: string) =>
  hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', cookie }, payload: JSON.stringify({ query }) });

describe('dashboard sign-in', () => {
  it('exchanges a policy key for an HttpOnly, SameSite=Strict, expiring session cookie that then acts as the key', async () => {
    const key = await f.key('policy');
    const r = await signIn(key);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ role: 'policy' });
    const setCookie = cookieOf(r.headers['set-cookie']);
    expect(setCookie).toMatch(/^hub_session=[\w-]{20,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Max-Age=28800/);
    expect(setCookie).not.toContain(key);
    const cookie = setCookie.split(';')[0]!;

    // The session has the key's role: reference data yes, entities no (policy).
    expect((await graphql(cookie, '{ regions { code } }')).json().errors).toBeUndefined();
    expect((await graphql(cookie, '{ entities(first: 1) { nodes { name } } }')).json().errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await hub.app.inject({ method: 'GET', url: '/dashboards/api/session', headers: { cookie } })).json()).toMatchObject({ role: 'policy' });

    // Signing out ends it.
    const out = await hub.app.inject({ method: 'DELETE', url: '/dashboards/api/session', headers: { cookie } });
    expect(cookieOf(out.headers['set-cookie'])).toMatch(/hub_session=;/);
    const after = await graphql(cookie, '{ regions { code } }');
    expect(after.statusCode).toBe(401);
    expect(after.json().errors[0].message).toContain('sign in again');
  });

  it('tells a bad key and a key of the wrong role apart, in words', async () => {
    const bad = await signIn('prt_not-a-key');
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toEqual({ code: 'UNAUTHENTICATED', message: 'The API key is not valid or has been revoked.' });
    const credit = await signIn(await f.key('credit'));
    expect(credit.statusCode).toBe(403);
    expect(credit.json().error.message).toContain('cannot open the statistics dashboards');
    expect((await signIn('')).statusCode).toBe(401);
  });

  it('ends the sessions of a revoked key at once', async () => {
    const { key, row } = await hub.services.apiKeys.create({ name: `${f.tag} revoked`, role: 'supervisor', department: 'test', regions: ['152900'] });
    const cookie = cookieOf((await signIn(key)).headers['set-cookie']).split(';')[0]!;
    expect((await graphql(cookie, '{ regions { code } }')).statusCode).toBe(200);
    await hub.services.apiKeys.revoke(row.id);
    expect((await graphql(cookie, '{ regions { code } }')).statusCode).toBe(401);
  });
});

describe('dashboard sign-in hardening (issue 10, finding 13)', () => {
  const signInFrom = (h: TestHub, key: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    h.app.inject({ method: 'POST', url: '/dashboards/api/session', payload: { key }, remoteAddress, headers });

  it('marks the cookie Secure over HTTPS through a trusted proxy, and not when an untrusted client claims HTTPS', async () => {
    const proxied = await createTestHub({ TRUST_PROXY: '10.0.0.1,10.1.0.0/16' });
    try {
      const key = await f.key('policy');
      const https = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };
      const viaProxy = await signInFrom(proxied, key, '10.1.2.3', https);
      expect(viaProxy.statusCode).toBe(200);
      expect(cookieOf(viaProxy.headers['set-cookie'])).toMatch(/; Secure/);
      expect(viaProxy.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      // The same headers from a client that is not the proxy: plain HTTP, no Secure, no HSTS.
      const forged = await signInFrom(proxied, key, '198.51.100.9', https);
      expect(forged.statusCode).toBe(200);
      expect(cookieOf(forged.headers['set-cookie'])).not.toMatch(/Secure/);
      expect(forged.headers['strict-transport-security']).toBeUndefined();
      // With TRUST_PROXY off (the default) no forwarded header is believed.
      const direct = await signInFrom(hub, key, '10.0.0.1', https);
      expect(cookieOf(direct.headers['set-cookie'])).not.toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('limits sign-in attempts per client address: 429 with Retry-After and a message in Chinese and English; another address still signs in', async () => {
    const limited = await createTestHub({ DASHBOARD_SIGNIN_PER_MINUTE: '5' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await signInFrom(limited, `prt_guess-${i}`, '192.0.2.10')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      const refused = await signInFrom(limited, await f.key('policy'), '192.0.2.10');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
      expect(refused.json().error.message).toMatch(/登录尝试过于频繁.*Too many sign-in attempts/);
      expect(refused.headers['set-cookie']).toBeUndefined();
      const other = await signInFrom(limited, await f.key('policy'), '192.0.2.11');
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("caps the sessions of one key: a sign-in beyond the cap ends that key's oldest session", async () => {
    const capped = await createTestHub({ DASHBOARD_MAX_SESSIONS_PER_KEY: '3' });
    try {
      const key = await f.key('policy');
      const other = await f.key('policy');
      const cookies: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await signInFrom(capped, key, `192.0.2.${100 + i}`);
        expect(r.statusCode).toBe(200);
        cookies.push(cookieOf(r.headers['set-cookie']).split(';')[0]!);
      }
      const otherCookie = cookieOf((await signInFrom(capped, other, '192.0.2.99')).headers['set-cookie']).split(';')[0]!;
      const live = async (cookie: string) => (await capped.app.inject({ method: 'GET', url: '/dashboards/api/session', headers: { cookie } })).statusCode;
      expect(await Promise.all(cookies.map(live))).toEqual([401, 401, 200, 200, 200]);
      // Another key's session is not counted against this one.
      expect(await live(otherCookie)).toBe(200);
    } finally {
      await capped.close();
    }
  });
});
