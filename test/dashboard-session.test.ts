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
