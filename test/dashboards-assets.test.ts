import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARDS_DIST } from '../src/dashboards/pages';
import { createTestHub, type TestHub } from './helpers/test-hub';

/**
 * The dashboards' files as a browser receives them: compressed when it says it accepts
 * br or gzip (the .br and .gz the build wrote), plain when it says nothing; hashed assets
 * cached for a year, the page itself checked on every visit; the page policy on all of it.
 */
const CHROME = 'gzip, deflate, br, zstd';
const IMMUTABLE = 'public, max-age=31536000, immutable';

let hub: TestHub;
/** The URL of the largest script the build wrote (the one with ECharts in it), the one worth compressing. */
let script: string;

beforeAll(async () => {
  execFileSync(process.execPath, ['dashboards/ensure-built.mjs'], { stdio: 'inherit' });
  hub = await createTestHub();
  const scripts = assets().filter((f) => f.endsWith('.js'));
  const size = (f: string) => statSync(path.join(DASHBOARDS_DIST, 'assets', f)).size;
  const largest = scripts.sort((a, b) => size(b) - size(a))[0];
  if (!largest) throw new Error(`the build wrote no script under ${DASHBOARDS_DIST}/assets`);
  script = `/dashboards/assets/${largest}`;
}, 120_000);
afterAll(async () => hub?.close());

const get = (url: string, acceptEncoding?: string) => hub.app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

/** The files the build wrote under assets/, without their compressed copies. */
const assets = () => readdirSync(path.join(DASHBOARDS_DIST, 'assets')).filter((f) => !/\.(br|gz)$/.test(f));

/** The file the build wrote for a /dashboards/ URL. */
const onDisk = (url: string) => readFileSync(path.join(DASHBOARDS_DIST, url.replace(/^\/dashboards\//, '')));

/** The bytes a client gets once it undoes the Content-Encoding the hub declared. */
function decoded(r: LightMyRequestResponse): Buffer {
  const encoding = r.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(r.rawPayload);
  if (encoding === 'gzip') return gunzipSync(r.rawPayload);
  if (encoding === undefined) return r.rawPayload;
  throw new Error(`unexpected content-encoding ${String(encoding)}`);
}

const varies = (r: LightMyRequestResponse) =>
  String(r.headers.vary ?? '')
    .toLowerCase()
    .split(/\s*,\s*/);

describe('dashboards assets, compressed and cached', () => {
  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    [CHROME, 'br'],
  ])('sends the largest script to a client accepting "%s" as %s, at most a third of its size, decoding to the built bytes', async (accept, encoding) => {
    const plain = onDisk(script);
    const r = await get(script, accept);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe(encoding);
    expect(r.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(varies(r)).toContain('accept-encoding');
    expect(Number(r.headers['content-length'])).toBe(r.rawPayload.length);
    expect(r.rawPayload.length, `${encoding}: ${r.rawPayload.length} of ${plain.length} bytes`).toBeLessThanOrEqual(plain.length / 3);
    expect(decoded(r).equals(plain)).toBe(true);
  });

  it('sends the plain largest script to a client that accepts no compression, or only one the build did not write', async () => {
    const plain = onDisk(script);
    for (const accept of [undefined, 'identity', 'zstd']) {
      const r = await get(script, accept);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(varies(r)).toContain('accept-encoding');
      expect(r.rawPayload.equals(plain)).toBe(true);
    }
  });

  it('gives each encoding of a file its own ETag, so no cache answers one with the other', async () => {
    const tags = await Promise.all([undefined, 'br', 'gzip'].map(async (accept) => (await get(script, accept)).headers.etag));
    expect(tags.every(Boolean)).toBe(true);
    expect(new Set(tags).size).toBe(3);
    const again = await hub.app.inject({ method: 'GET', url: script, headers: { 'accept-encoding': 'br', 'if-none-match': String(tags[1]) } });
    expect(again.statusCode).toBe(304);
    expect(again.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('lets browsers keep every hashed asset for a year, whatever the encoding, each decoding to its file', async () => {
    const files = assets();
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(files.some((f) => f.endsWith('.css'))).toBe(true);
    for (const file of files) {
      const url = `/dashboards/assets/${file}`;
      for (const accept of [undefined, 'br', 'gzip']) {
        const r = await get(url, accept);
        expect(r.statusCode, `${url} (${accept ?? 'no accept-encoding'})`).toBe(200);
        expect(r.headers['cache-control']).toBe(IMMUTABLE);
        expect(decoded(r).equals(onDisk(url)), `${url} as ${String(r.headers['content-encoding'] ?? 'plain')}`).toBe(true);
      }
    }
  });

  it('has the page itself checked on every visit, compressed too, under the dashboards policy like its scripts', async () => {
    const html = onDisk('/dashboards/index.html');
    expect(html.toString()).toMatch(/<script type="module" crossorigin src="\/dashboards\/assets\/[^"]+\.js"/);
    const plain = await get('/dashboards/');
    const br = await get('/dashboards/', 'br');
    const js = await get(script, 'br');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/html/);
    for (const r of [plain, br]) {
      expect(r.statusCode).toBe(200);
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(decoded(r).equals(html)).toBe(true);
    }
    // The page policy (src/server/security-headers.ts), not the API's load-nothing one.
    const policy = String(plain.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain("default-src 'none'");
    expect(br.headers['content-security-policy']).toBe(policy);
    expect(js.headers['content-security-policy']).toBe(policy);
    expect((await get('/dashboards', 'br')).headers['content-security-policy']).toBe(policy);
  });
});
