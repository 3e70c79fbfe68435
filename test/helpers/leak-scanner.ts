import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { idNumbersIn, maskIdNumbersIn } from '../../src/entities/id-number';
import { ADVERSARIAL_DIR } from './adversarial-summary';

/**
 * The leak scanner: every response a test receives from the hub (through createTestHub's
 * app.inject and gql, or fetch against a hub or hub process the helpers know of) is searched
 * for an ID number in clear with the hub's own predicate (idNumbersIn), and a find fails the
 * test that received it. The error shows where it was, masked, so the report leaks nothing.
 */
export class LeakScanner {
  responses = 0;
  leaks = 0;

  /** `file`: where the counts go for the run's summary line (none for a scanner under test). */
  constructor(private readonly file: string | null = null) {}

  scan(where: string, body: string): void {
    this.responses++;
    const found = idNumbersIn(body);
    if (found.length > 0) {
      this.leaks += found.length;
      this.save();
      throw new Error(`leak scanner: ${found.length} ID number(s) in clear in the response to ${maskIdNumbersIn(where)}: ${locate(body, found[0]!)}`);
    }
    if (this.responses % 50 === 0) this.save();
  }

  save(): void {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify({ responses: this.responses, leaks: this.leaks }));
  }
}

/** The JSON path of the first string carrying `needle`, else an excerpt around it; masked. */
function locate(body: string, needle: string): string {
  const walk = (value: unknown, at: string): string | null => {
    if (typeof value === 'string') return value.includes(needle) ? at : null;
    if (value === null || typeof value !== 'object') return null;
    for (const [k, v] of Object.entries(value)) {
      const hit = walk(v, Array.isArray(value) ? `${at}[${k}]` : `${at}.${k}`);
      if (hit) return hit;
    }
    return null;
  };
  let where: string | null = null;
  try {
    where = walk(JSON.parse(body), '$');
  } catch {
    // not JSON (NDJSON, HTML, text): the excerpt says enough
  }
  const i = body.indexOf(needle);
  const excerpt = maskIdNumbersIn(body.slice(Math.max(0, i - 60), i + needle.length + 60));
  return `${where ? `at ${where}, ` : ''}…${excerpt}…`;
}

/** One per test module instance (a worker may run several files), so no file is overwritten. */
export const leakScanner = new LeakScanner(path.join(ADVERSARIAL_DIR, `leak-scan-${process.pid}-${randomUUID().slice(0, 8)}.json`));
process.on('exit', () => leakScanner.save());

type Inject = (opts: InjectOptions | string) => Promise<LightMyRequestResponse>;

/** Routes every `app.inject(opts)` through the scanner (the chained form is not used by the tests). */
export function scanInjections(app: FastifyInstance, scanner: LeakScanner = leakScanner): void {
  const inject = app.inject.bind(app) as Inject;
  const scanned: Inject = async (opts) => {
    const response = await inject(opts);
    scanner.scan(typeof opts === 'string' ? opts : `${opts.method ?? 'GET'} ${String(opts.url ?? opts.path ?? '')}`, response.body);
    return response;
  };
  Object.defineProperty(app, 'inject', { value: scanned, configurable: true, writable: true });
}

// Ports of hubs that tests reach over real HTTP (a test hub after app.listen, a hub process),
// kept on globalThis with the fetch wrapper, so that fetch is wrapped once per process.
const GLOBAL = Symbol.for('prt-hub.leak-scanner.fetch');
type FetchScan = { ports: Set<() => number | undefined>; scanner: LeakScanner };
const shared = ((globalThis as Record<symbol, unknown>)[GLOBAL] ??= wrapFetch()) as FetchScan;
shared.scanner = leakScanner;

/** Scans fetch responses from the port `port()` gives (while it gives one); returns the undo. */
export function scanFetchesTo(port: () => number | undefined): () => void {
  shared.ports.add(port);
  return () => shared.ports.delete(port);
}

function wrapFetch(): FetchScan {
  const state: FetchScan = { ports: new Set(), scanner: leakScanner };
  const realFetch = globalThis.fetch;
  const isHub = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && [...state.ports].some((p) => p() === Number(url.port));
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await realFetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!isHub(url)) return response;
    let body: string;
    try {
      body = await response.clone().text();
    } catch {
      return response; // a body that broke off: the test reading it sees that for itself
    }
    state.scanner.scan(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${url.pathname}${url.search}`, body);
    return response;
  };
  return state;
}
