import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The dashboards in a real browser: Debian's chromium driven by playwright-core (.ci/run
 * installs it with apt). Screenshots go to test-output/screenshots/.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.resolve('test-output/screenshots');

/** Builds the pages when stale and starts chromium. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
  execFileSync(process.execPath, ['dashboards/ensure-built.mjs'], { stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** Every Content-Security-Policy complaint and every dialog, on every page watched. */
export function watchPage(p: Page, found: { csp: string[]; dialogs: string[]; errors: string[] }) {
  p.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) found.csp.push(`${p.url()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => found.errors.push(`${p.url()}: ${e.message}`));
  p.on('dialog', (d) => {
    found.dialogs.push(d.message());
    void d.dismiss();
  });
}

export async function signIn(page: Page, baseUrl: string, key: string, query = '') {
  await page.goto(`${baseUrl}/dashboards/${query}`);
  await page.fill('input[name=key]', key);
  await page.click('button[type=submit]');
  await page.waitForSelector('body[data-ready]');
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's WCAG 2 A/AA rules on the page as it stands. Injected through the debugging
 * protocol (page.evaluate), which the page's Content-Security-Policy does not govern, so
 * the policy stays as strict as in production. Returns the serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`)) as AxeViolation[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The width and height of a PNG, from its IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
