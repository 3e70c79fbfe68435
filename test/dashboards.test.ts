import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot as screenshot } from './helpers/browser';
import { HUB_LEAGUES } from '../src/registry/reference-data';
import { analyticsHub, type AnalyticsHub } from './helpers/analytics';

/**
 * The dashboards in a real browser: Debian's chromium driven by playwright-core (.ci/run
 * installs it with apt), against a hub with the demo region in Postgres and the embedded
 * analytics engine. Screenshots go to test-output/screenshots/.
 */
const SIGNIN_PER_MINUTE = 40;

let h: AnalyticsHub;
let browser: Browser;
let page: Page;
let policyKey: string;

beforeAll(async () => {
  // Every test here signs in from 127.0.0.1; the sign-in limit is set well above what they
  // need, so only the rate-limit test reaches it, however many tests come before it.
  h = await analyticsHub('dashboards', { projects: 200, seed: 5 }, { DASHBOARD_SIGNIN_PER_MINUTE: String(SIGNIN_PER_MINUTE) });
  await h.hub.services.analytics.sync!.syncPending();
  policyKey = (await h.hub.services.apiKeys.create({ name: '发展改革委 综合处', role: 'policy' })).key;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  watch(page);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const shot = (name: string, p: Page = page) => screenshot(p, name);

/** Every Content-Security-Policy complaint and every dialog, on every page the tests open. */
const cspViolations: string[] = [];
const dialogs: string[] = [];
function watch(p: Page) {
  p.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${p.url()}: ${m.text()}`);
  });
  p.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
}

/** The figure the API gives for the same filter, as the page should show it. */
async function apiProjects(filter: Record<string, string | string[]>): Promise<number> {
  const r = await h.hub.gql('query($f: StatisticsFilter!) { statistics(input: { measures: [PROJECTS], filter: $f }) { rows { values { value } } } }', {
    key: policyKey,
    variables: { f: filter },
  });
  return r.data!.statistics.rows[0]?.values[0].value ?? 0;
}

describe('statistics dashboards in chromium', () => {
  it('refuses a bad key with a message, and signs in with a policy key', async () => {
    await page.goto(`${h.baseUrl}/dashboards/`);
    await page.fill('input[name=key]', 'prt_wrong');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('#sign-in-error')).toContain('not valid');
    await shot('sign-in-refused');
    await page.fill('input[name=key]', policyKey);
    await page.click('button[type=submit]');
    await page.waitForSelector('body[data-ready=overview]');
    expect(await page.textContent('#who')).toContain('policy');
    // The key itself is in no storage the page can read.
    expect(await page.evaluate('JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie')).not.toContain(policyKey);
  });

  it('shows the headline figures the API gives and draws the monthly trend', async () => {
    const year = new Date().getFullYear() - 1;
    const shown = Number(await page.getAttribute('.card[data-measure=PROJECTS] .value', 'data-value'));
    expect(shown).toBe(await apiProjects({ from: `${year}-01-01`, to: `${year}-12-31` }));
    expect(shown).toBeGreaterThan(0);
    expect(await page.locator('#trend-chart canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#trend-table tbody tr').count()).toBeGreaterThan(1);
    expect(await page.textContent('.card[data-measure=AWARD_TOTAL] .value')).toMatch(/[万亿]元/);
    await shot('overview');
  });

  it('keeps filters in the URL: a filter change and a reload of the link show the same view', async () => {
    const year = new Date().getFullYear() - 1;
    const league = (
      await h.hub.database.pool.query<{ code: string }>(
        `select split_part(r.path, '/', 2) as code from projects p join regions r on r.code = p.region_code where split_part(r.path, '/', 2) <> '' group by 1 order by count(*) desc limit 1`,
      )
    ).rows[0]!.code;
    // The menu offers the hub's leagues and cities, not every prefecture of China the hub knows.
    const menu = await page.locator('select[name=region] option').evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(menu).toEqual(['', ...HUB_LEAGUES.map((l) => l.code)]);
    await page.selectOption('select[name=region]', league);
    await page.click('#filters button[type=submit]');
    await page.waitForURL(new RegExp(`region=${league}`));
    await page.waitForSelector('body[data-ready=overview]');
    const expected = await apiProjects({ from: `${year}-01-01`, to: `${year}-12-31`, regionCode: league });
    await expect.poll(async () => Number(await page.getAttribute('.card[data-measure=PROJECTS] .value', 'data-value'))).toBe(expected);
    const link = page.url();
    await page.goto(link);
    await page.waitForSelector('body[data-ready=overview]');
    expect(await page.inputValue('select[name=region]')).toBe(league);
    expect(Number(await page.getAttribute('.card[data-measure=PROJECTS] .value', 'data-value'))).toBe(expected);
    await shot('overview-league');
  });

  it('filters by category and shows the trend by quarter, in the URL too', async () => {
    const year = new Date().getFullYear() - 1;
    await page.goto(`${h.baseUrl}/dashboards/?page=overview&from=${year}-01-01&to=${year}-12-31`);
    await page.waitForSelector('body[data-ready=overview]');
    await page.selectOption('select[name=category]', 'construction');
    await page.selectOption('select[name=granularity]', 'QUARTER');
    await page.click('#filters button[type=submit]');
    await page.waitForURL(/category=construction/);
    expect(page.url()).toContain('granularity=QUARTER');
    await page.waitForSelector('body[data-ready=overview]');
    const expected = await apiProjects({ from: `${year}-01-01`, to: `${year}-12-31`, categoryCodes: ['construction'] });
    await expect.poll(async () => Number(await page.getAttribute('.card[data-measure=PROJECTS] .value', 'data-value'))).toBe(expected);
    const periods = await page.$$eval('#trend-table tbody th', (ths) => ths.map((th) => th.textContent));
    expect(periods.length).toBeGreaterThan(0);
    expect(periods.length).toBeLessThanOrEqual(4);
    for (const p of periods) expect(p).toMatch(/^\d{4}年第[1-4]季度$/);
    await shot('overview-category-quarterly');
  });

  it("ranks leagues by region, drills down to a league's banners and zones and back up, with the API's figures", async () => {
    const year = new Date().getFullYear() - 1;
    await page.goto(`${h.baseUrl}/dashboards/?page=regions&from=${year}-01-01&to=${year}-12-31`);
    await page.waitForSelector('body[data-ready=regions]');
    const leagues = await page.$$eval('#table tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-key'), Number(tr.querySelector('td[data-measure=PROJECTS]')!.getAttribute('data-value'))]),
    );
    expect(leagues.length).toBeGreaterThan(3);
    const api = await h.hub.gql(
      'query($f: StatisticsFilter!) { statistics(input: { measures: [PROJECTS], dimensions: [REGION], filter: $f }) { rows { region values { value } } } }',
      {
        key: policyKey,
        variables: { f: { from: `${year}-01-01`, to: `${year}-12-31` } },
      },
    );
    // The autonomous region's own-level projects are listed apart, not ranked among its leagues.
    const fromApi = Object.fromEntries(
      api
        .data!.statistics.rows.filter((r: { region: string | null }) => r.region && r.region !== '150000')
        .map((r: { region: string; values: Array<{ value: number }> }) => [r.region, r.values[0]!.value]),
    );
    expect(Object.fromEntries(leagues)).toEqual(fromApi);
    await shot('regions');
    // The league with the most banners and zones in the data, so the drill-down has rows.
    const league = (
      await h.hub.database.pool.query<{ code: string }>(
        `select split_part(r.path, '/', 2) as code from projects p join regions r on r.code = p.region_code where split_part(r.path, '/', 2) <> '' group by 1 order by count(distinct p.region_code) desc limit 1`,
      )
    ).rows[0]!.code;
    await page.click(`#table tbody tr[data-key="${league}"]`);
    await page.waitForURL(new RegExp(`region=${league}`));
    await page.waitForSelector('#up');
    const counties = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-key')));
    for (const code of counties) expect(code!.slice(0, 4)).toBe(league.slice(0, 4));
    await shot('regions-drilled');
    await page.click('#up');
    await page.waitForURL((url) => !url.search.includes('region='));
  });

  for (const [name, ready, selector] of [
    ['categories', 'categories', '#table tbody tr'],
    ['credit', 'credit', '.card[data-measure=PENALTIES]'],
    ['quality', 'quality', '#table tbody tr'],
    ['rankings', 'rankings', 'table[data-subject=WINNER] tr'],
  ] as const) {
    it(`shows the ${name} page filled, with a chart or tables`, async () => {
      const year = new Date().getFullYear() - 1;
      await page.goto(`${h.baseUrl}/dashboards/?page=${name}&from=${year}-01-01&to=${year}-12-31`);
      await page.waitForSelector(`body[data-ready=${ready}]`);
      expect(await page.locator(selector).count()).toBeGreaterThan(0);
      if (name !== 'rankings') expect(await page.locator('#chart canvas').count()).toBeGreaterThan(0);
      await shot(name);
    });
  }

  it('gives a policy session nothing outside statistics', async () => {
    const code = await page.evaluate(`fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entities(first: 1) { nodes { name } } }' }) }).then((r) => r.json()).then((b) => b.errors[0].extensions.code)`);
    expect(code).toBe('FORBIDDEN');
  });

  it('signs out: back to the sign-in form, and the session is gone', async () => {
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in');
    const status = await page.evaluate(`fetch('/dashboards/api/session').then((r) => r.status)`);
    expect(status).toBe(401);
    await shot('signed-out');
  });
});

/**
 * Crafted links and messages (issue 10, finding 12): whatever a shared link or an error
 * message carries is shown as text; no script of theirs runs, and the page's own code
 * never trips its Content-Security-Policy.
 */
describe('dashboards against crafted links', () => {
  const IMG = '"><img src=x onerror="window.__pwned=1;alert(1)">';
  const SCRIPT = '<script>window.__pwned=1;alert(2)</script>';
  const JS_URL = 'javascript:window.__pwned=1;alert(3)';
  let crafted: Page;

  beforeAll(async () => {
    crafted = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    watch(crafted);
    await crafted.goto(`${h.baseUrl}/dashboards/`);
    await crafted.fill('input[name=key]', policyKey);
    await crafted.click('button[type=submit]');
    await crafted.waitForSelector('body[data-ready=overview]');
  });

  const pwned = (p: Page) => p.evaluate('window.__pwned');
  const link = (params: Record<string, string>) => `${h.baseUrl}/dashboards/?${new URLSearchParams(params)}`;

  for (const [name, params, field, value] of [
    ['region', { page: 'overview', region: IMG }, 'region', IMG],
    ['category', { page: 'categories', category: SCRIPT }, 'category', SCRIPT],
    ['from', { page: 'overview', from: IMG, to: '2025-12-31' }, 'from', IMG],
    ['region-js-url', { page: 'regions', region: JS_URL }, 'region', JS_URL],
  ] as const) {
    it(`shows a crafted ${name} value from a link as text, resets it and runs none of it`, async () => {
      await crafted.goto(link(params));
      const ready = params.page;
      await crafted.waitForSelector(`body[data-ready=${ready}]`);
      // The message names the value literally, in Chinese, as text.
      const notice = await crafted.textContent('#filter-notice');
      expect(notice).toContain('链接中的筛选条件有误');
      expect(notice).toContain(value);
      expect(await crafted.locator('#filter-notice *').count()).toBe(0);
      expect(await crafted.locator('img, script:not([src])').count()).toBe(0);
      expect(await pwned(crafted)).toBeUndefined();
      // The filter is reset in the page and in the URL, and the figures shown are the unfiltered ones.
      expect(new URL(crafted.url()).searchParams.get(field)).not.toBe(value);
      if (field === 'region') expect(await crafted.inputValue('select[name=region]')).toBe('');
      await shot(`crafted-link-${name}`, crafted);
    });
  }

  it('shows an API error message that carries markup as text (the page never builds HTML from it)', async () => {
    // As the API once did, echo the bad value in the error of the statistics call.
    await crafted.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('statistics')) return route.continue();
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ errors: [{ message: `Unknown region ${IMG}${SCRIPT}`, extensions: { code: 'BAD_USER_INPUT' } }] }),
      });
    });
    try {
      await crafted.goto(link({ page: 'overview' }));
      await crafted.waitForSelector('#failed');
      // The reader gets a sentence in Chinese; the server's words are folded beneath, as text.
      expect(await crafted.textContent('#failed .message')).toBe('查询条件有误，请检查日期、地区和类别后重试。');
      expect(await crafted.textContent('#failed pre.detail')).toBe(`Unknown region ${IMG}${SCRIPT}`);
      expect(await crafted.locator('#failed pre.detail *').count()).toBe(0);
      expect(await crafted.locator('#failed img, #failed script').count()).toBe(0);
      expect(await pwned(crafted)).toBeUndefined();
      await shot('crafted-api-error', crafted);
    } finally {
      await crafted.unroute('**/graphql');
    }
  });

  it('draws chart tooltips as text under the CSP', async () => {
    await crafted.goto(link({ page: 'overview' }));
    await crafted.waitForSelector('body[data-ready=overview]');
    const box = (await crafted.locator('#trend-chart').boundingBox())!;
    await crafted.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await crafted.waitForSelector('#trend-chart .tooltip-head');
    expect(await crafted.textContent('#trend-chart .tooltip-head')).toMatch(/^\d{4}年\d{1,2}月$/);
    await shot('overview-tooltip', crafted);
  });

  it('shows a sign-in error message that carries markup as text', async () => {
    const fresh = await (await browser.newContext()).newPage();
    watch(fresh);
    await fresh.route('**/dashboards/api/session', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: IMG } }) })
        : route.continue(),
    );
    await fresh.goto(`${h.baseUrl}/dashboards/`);
    await fresh.fill('input[name=key]', 'prt_anything');
    await fresh.click('button[type=submit]');
    await expect.poll(() => fresh.textContent('#sign-in-error')).toBe(IMG);
    expect(await fresh.locator('#sign-in-error *').count()).toBe(0);
    expect(await pwned(fresh)).toBeUndefined();
    await fresh.context().close();
  });

  it("shows the sign-in rate limit's message (Chinese and English) after repeated wrong keys", async () => {
    const fresh = await (await browser.newContext()).newPage();
    watch(fresh);
    await fresh.goto(`${h.baseUrl}/dashboards/`);
    for (let i = 0; i <= SIGNIN_PER_MINUTE && !(await fresh.textContent('#sign-in-error'))?.includes('频繁'); i++) {
      await fresh.fill('input[name=key]', `prt_guess-${i}`);
      await fresh.click('button[type=submit]');
      await expect.poll(() => fresh.textContent('#sign-in-error')).not.toBe('');
    }
    await expect.poll(() => fresh.textContent('#sign-in-error')).toMatch(/登录尝试过于频繁，请 \d+ 秒后再试。Too many sign-in attempts/);
    await shot('sign-in-rate-limited', fresh);
    await fresh.context().close();
  });

  it('ran no injected script, opened no dialog, and tripped no Content-Security-Policy on any page', () => {
    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
