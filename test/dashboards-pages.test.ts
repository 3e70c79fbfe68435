import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_LEAGUES } from '../src/registry/reference-data';
import { analyticsHub, type AnalyticsHub } from './helpers/analytics';
import { launchBrowser, pngSize, seriousViolations, shot, signIn, SHOTS, watchPage } from './helpers/browser';
import { Factory } from './helpers/factories';

/**
 * The statistics pages as a policy maker and a supervisor use them (issue 14): money in one
 * unit per column, changes of rates in 百分点, exports that open right in Excel and carry
 * their context, the caller's scope said and kept, errors in the reader's language, the map,
 * drill-through, period comparison, print, phone and wall-display layouts, accessibility.
 */
let h: AnalyticsHub;
let browser: Browser;
let page: Page;
const keys: Record<string, string> = {};
const found = { csp: [] as string[], dialogs: [] as string[], errors: [] as string[] };
const YEAR = new Date().getFullYear() - 1;
const RANGE = `from=${YEAR}-01-01&to=${YEAR}-12-31`;
const ALXA = '152900';

beforeAll(async () => {
  browser = await launchBrowser();
  h = await analyticsHub('dashboards_pages', { projects: 240, seed: 7 }, { DASHBOARD_SIGNIN_PER_MINUTE: '100' });
  // A project of the autonomous region's own level, which must not be ranked among its leagues.
  const f = new Factory(h.hub.database.db, h.hub.services);
  await f.project({ platformCode: 'P150000', registeredAt: new Date(`${YEAR}-06-15T04:00:00Z`) });
  await h.hub.services.analytics.sync!.syncPending();
  keys.policy = (await h.hub.services.apiKeys.create({ name: '发展改革委 综合处', role: 'policy' })).key;
  keys.supervisor = (
    await h.hub.services.apiKeys.create({
      name: '阿拉善盟住建局 监管科',
      role: 'supervisor',
      department: '阿拉善盟住房和城乡建设局',
      regions: [ALXA],
      categories: ['construction'],
    })
  ).key;
  keys.admin = h.adminKey;
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  watchPage(page, found);
  await signIn(page, h.baseUrl, keys.policy);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const open = async (p: Page, query: string, ready: string) => {
  await p.goto(`${h.baseUrl}/dashboards/?${query}`);
  await p.waitForSelector(`body[data-ready=${ready}]`);
};

async function api(key: string, query: string, variables: Record<string, unknown> = {}) {
  const r = await h.hub.gql(query, { key, variables });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

async function figures(key: string, input: Record<string, unknown>) {
  const d = await api(key, 'query($i: StatisticsInput!) { statistics(input: $i) { dataAsOf rows { region category period values { measure value previous yearAgo } } } }', {
    i: input,
  });
  return d.statistics as {
    dataAsOf: string | null;
    rows: Array<{
      region: string | null;
      category: string | null;
      period: string | null;
      values: Array<{ measure: string; value: number | null; previous: number | null; yearAgo: number | null }>;
    }>;
  };
}

const year = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
const text = async (p: Page, selector: string) => ((await p.textContent(selector)) ?? '').trim();
const saved = async (download: Download) => readFileSync((await download.path())!);

describe('money, rates and units', () => {
  it("shows the headline changes as the API's, a rate's in 个百分点 and a count's in %", async () => {
    await open(page, `page=overview&${RANGE}`, 'overview');
    const top = (await figures(keys.policy!, { measures: ['PROJECTS', 'SAVINGS_RATE'], compare: true, filter: year })).rows[0]!;
    const rate = top.values.find((v) => v.measure === 'SAVINGS_RATE')!;
    const points = ((rate.value! - rate.yearAgo!) * 100).toFixed(1).replace('-', '−');
    const change = await text(page, '.card[data-measure=SAVINGS_RATE] .change');
    expect(change).toMatch(/较上年同期 [+−±][\d.]+ 个百分点/);
    expect(change).toContain(`${points.startsWith('−') ? '' : '+'}${points} 个百分点`.replace('+0.0', '±0.0'));
    expect(await text(page, '.card[data-measure=PROJECTS] .change')).toMatch(/较上期 [+−±—][\d.,]*%?/);
    expect(await text(page, '.card[data-measure=AWARD_TOTAL] .value')).toMatch(/^[\d,.]+ (万元|亿元)$/);
  });

  it('puts one money unit in each column header and none in the cells, and the trend compares with a year earlier', async () => {
    const headers = await page.$$eval('#trend-table thead th', (ths) => ths.map((th) => th.textContent ?? ''));
    expect(headers).toContain('项目数 · 本期');
    expect(headers).toContain('项目数 · 上年同期');
    const award = headers.filter((x) => x.startsWith('成交金额'));
    expect(award.length).toBe(2);
    for (const x of award) expect(x).toMatch(/（(万元|亿元)）$/);
    const cells = await page.$$eval('#trend-table tbody td[data-measure=AWARD_TOTAL]', (tds) => tds.map((td) => [td.textContent, Number(td.getAttribute('data-value'))] as const));
    expect(cells.length).toBeGreaterThan(0);
    const divisor = award[0]!.includes('亿元') ? 1e8 : 1e4;
    for (const [shown, value] of cells) {
      expect(shown).not.toMatch(/元/);
      if (shown !== '—') expect(Number(shown!.replaceAll(',', ''))).toBeCloseTo(value / divisor, 2);
    }
  });

  it('gives the by-region chart a money axis and tooltips in 万元 or 亿元, never raw yuan', async () => {
    await open(page, `page=regions&${RANGE}`, 'regions');
    const box = (await page.locator('#chart').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.6);
    await page.waitForSelector('#chart .tooltip-row');
    const rows = await page.$$eval('#chart .tooltip-row b', (bs) => bs.map((b) => b.textContent ?? ''));
    for (const r of rows) expect(r).toMatch(/^(—|[\d.]+ (万元|亿元))$/);
    expect(await page.$eval('#table thead', (t) => t.textContent)).toMatch(/成交金额（(万元|亿元)）/);
  });
});

describe('the region itself, rankings and data quality', () => {
  it('lists 内蒙古自治区 own-level projects apart, never among its leagues', async () => {
    const ranked = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-key')));
    expect(ranked).not.toContain('150000');
    for (const code of ranked) expect(HUB_LEAGUES.map((l) => l.code)).toContain(code);
    expect(await text(page, '#own-level tbody th')).toBe('自治区本级');
    await shot(page, 'regions-own-level');
  });

  it('gives the rankings column headers and a CSV each', async () => {
    await open(page, `page=rankings&${RANGE}`, 'rankings');
    const headers = await page.$$eval('table[data-subject=WINNER] thead th', (ths) => ths.map((th) => th.textContent));
    expect(headers[0]).toBe('排名');
    expect(headers[1]).toBe('名称');
    expect(headers[2]).toMatch(/^成交金额（(万元|亿元)）$/);
    expect(headers[3]).toBe('中标次数');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.csv[data-table=ranking-winner]')]);
    const csv = (await saved(download)).toString('utf8');
    expect(csv.startsWith('\uFEFF排名')).toBe(true);
    expect(csv).toContain('排名,名称,成交金额（');
  });

  it('shows data quality with what each figure counts, so 0 records beside a completeness is explained', async () => {
    await open(page, `page=quality&${RANGE}`, 'quality');
    const headers = await page.$$eval('#table thead th', (ths) => ths.map((th) => th.textContent));
    expect(headers).toEqual(['平台', '按时推送率', '拒收率', '记录数', '字段完整率', '完整率计算项目数', '按时推送率 · 上年同期']);
    expect(await text(page, 'h2 + p.note')).toContain('推送记录数按推送时间计');
    expect(await page.locator('#definitions dt').count()).toBe(5);
    // The demo region was pushed today: last year has no pushes, and the page says so, with when the last one was.
    expect(await text(page, '#no-pushes')).toMatch(/^所选期间内各平台没有推送批次.*最近一次推送封存于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
});

describe('exports a policy maker can paste into a report', () => {
  it('writes CSV as UTF-8 with a BOM, Chinese headers, names not codes and formatted figures', async () => {
    await open(page, `page=regions&${RANGE}`, 'regions');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.csv[data-table=table]')]);
    const bytes = await saved(download);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('分地区');
    expect(lines[1]).toContain(`统计期间：${YEAR}-01-01 至 ${YEAR}-12-31`);
    expect(lines[1]).toContain('数据来源：内蒙古自治区公共资源交易数据共享中心');
    expect(lines[4]).toMatch(/^地区,项目数,成交金额（(万元|亿元)）,节资率,平均投标数,单一投标占比,跨盟市中标占比$/);
    const first = lines[5]!.split(',');
    expect(HUB_LEAGUES.map((l) => l.name)).toContain(first[0]);
    expect(first[2]).toMatch(/^\d+\.\d{2}$/);
    expect(first[3]).toMatch(/^-?\d+\.\d%$|^$/);
    expect(lines.join('\n')).not.toMatch(/\b15\d{4}\b/);
  });

  it('draws a PNG with the title, unit and context above the chart', async () => {
    const canvas = (await page.locator('#chart canvas').first().boundingBox())!;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.png[data-table=table]')]);
    const size = pngSize(await saved(download));
    expect(size.width).toBe(Math.round(canvas.width) * 2);
    // The chart's own height plus the band of title, unit and context lines.
    expect(size.height).toBe((Math.round(canvas.height) + 84) * 2);
  });

  it('exports the whole page: every table in one CSV, and a print layout without menus or buttons', async () => {
    await open(page, `page=overview&${RANGE}`, 'overview');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#page-csv')]);
    const csv = (await saved(download)).toString('utf8');
    expect(csv).toContain('\r\n\r\n趋势（按月）\r\n');
    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of ['#filters', 'nav.pages', '#print', 'button.csv']) expect(await page.locator(hidden).first().isVisible()).toBe(false);
      expect(await page.locator('.card[data-measure=SAVINGS_RATE] .definition').isVisible()).toBe(true);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await page.screenshot({ path: path.join(SHOTS, 'overview-print.png'), fullPage: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});

describe('scope, freshness and errors', () => {
  it('states the whole region for a policy key and when the data was last refreshed', async () => {
    await open(page, `page=overview&${RANGE}`, 'overview');
    expect(await text(page, '#scope')).toContain('数据范围：内蒙古自治区全区');
    const asOf = (await figures(keys.policy!, { measures: ['PROJECTS'], filter: year })).dataAsOf!;
    const cst = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(
      new Date(asOf),
    );
    await expect.poll(() => text(page, '#as-of')).toBe(`数据更新于 ${cst}`);
  });

  it('offers a supervisor only their remit, names it in the menus and the banner, and explains a region outside it in Chinese', async () => {
    const sup = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    watchPage(sup, found);
    await signIn(sup, h.baseUrl, keys.supervisor!, `?page=overview&${RANGE}`);
    await sup.waitForSelector('body[data-ready=overview]');
    const regions = await sup.$$eval('select[name=region] option', (os) => os.map((o) => [o.getAttribute('value'), o.textContent]));
    expect(regions).toEqual([
      ['', '本辖区全部（阿拉善盟）'],
      [ALXA, '阿拉善盟'],
    ]);
    const categories = await sup.$$eval('select[name=category] option', (os) => os.map((o) => o.getAttribute('value')));
    expect(categories).toEqual(['', 'construction']);
    expect(await text(sup, '#scope')).toContain('数据范围：阿拉善盟 · 类别：工程建设');
    expect(await text(sup, '#scope')).toContain('本页所有数字仅含您监管范围内的数据');
    const shown = Number(await sup.getAttribute('.card[data-measure=PROJECTS] .value', 'data-value'));
    const own = (await figures(keys.supervisor!, { measures: ['PROJECTS'], filter: year })).rows[0]!.values[0]!.value;
    expect(shown).toBe(own);
    await shot(sup, 'supervisor-overview');
    // A link to a league outside the remit: the API refuses, the page says why in Chinese.
    await open(sup, `page=regions&region=150100&${RANGE}`, 'failed');
    expect(await text(sup, '#failed .message')).toBe('您的账号无权查看所选内容：请选择您辖区或业务范围内的地区和类别。');
    expect(await sup.locator('#failed details').getAttribute('open')).toBeNull();
    await shot(sup, 'supervisor-outside-remit');
    await sup.close();
  });

  it('says in Chinese when a gateway answers with an HTML page, with the detail folded beneath', async () => {
    await page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('statistics(input')) return route.continue();
      await route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' });
    });
    try {
      await open(page, `page=categories&${RANGE}`, 'failed');
      expect(await text(page, '#failed .message')).toContain('服务器返回了无法识别的响应');
      expect(await page.textContent('#failed pre.detail')).toContain('HTTP 502');
      expect(await page.textContent('#failed')).not.toContain('Unexpected token');
      await shot(page, 'error-bad-gateway');
    } finally {
      await page.unroute('**/graphql');
    }
    await page.click('#retry');
    await page.waitForSelector('body[data-ready=categories]');
  });

  it('switches the title, buttons, menus and banner to English, and back', async () => {
    await open(page, `page=overview&${RANGE}`, 'overview');
    await page.click('#lang');
    await page.waitForSelector('body[data-ready=overview]');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await text(page, 'header h1')).toBe('Public resource trading statistics');
    expect(await text(page, '#sign-out')).toBe('Sign out');
    expect(await text(page, '#lang')).toBe('中文');
    expect(await text(page, '#scope')).toContain('Scope: the whole autonomous region');
    expect(await text(page, '#print')).toBe('Print / save as PDF');
    expect(await text(page, '.card[data-measure=SAVINGS_RATE] .change')).toMatch(/pp/);
    // The page's own words are English; only names from the data may stay Chinese.
    expect(await page.textContent('main')).not.toMatch(/总览|项目数|导出|查询|较上期|数据范围/);
    await page.click('#lang');
    await page.waitForSelector('body[data-ready=overview]');
    expect(await text(page, 'header h1')).toBe('公共资源交易统计');
  });
});

describe('map, drill-through and the projects behind a figure', () => {
  it("colours the leagues by award total with the API's figures, and drills into a league's banners and counties", async () => {
    await open(page, `page=map&${RANGE}`, 'map');
    expect(await page.locator('#map-chart canvas').count()).toBeGreaterThan(0);
    const api = await figures(keys.policy!, { measures: ['AWARD_TOTAL'], dimensions: ['REGION'], regionLevel: 'LEAGUE', filter: year });
    const byLeague = Object.fromEntries(api.rows.filter((r) => r.region && r.region !== '150000').map((r) => [r.region, r.values[0]!.value]));
    const shown = await page.$$eval('#map-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-key'), tr.querySelector('td')!.getAttribute('data-value')]));
    expect(shown.map(([code]) => code).sort()).toEqual(HUB_LEAGUES.map((l) => l.code).sort());
    for (const [code, value] of shown) expect(value === null ? null : Number(value)).toBe(byLeague[code!] ?? null);
    await shot(page, 'map');
    await page.click(`#map-table tbody tr[data-key="${ALXA}"]`);
    await page.waitForURL(new RegExp(`region=${ALXA}`));
    await page.waitForSelector('body[data-ready=map]');
    const counties = await page.$$eval('#map-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-key')!));
    expect(counties.length).toBeGreaterThan(1);
    for (const c of counties) expect(c.slice(0, 4)).toBe(ALXA.slice(0, 4));
    await shot(page, 'map-drilled');
  }, 120_000);

  it('goes from a headline figure to the breakdown behind it', async () => {
    await open(page, `page=overview&${RANGE}`, 'overview');
    await page.click('.card[data-measure=SINGLE_BID_SHARE] a.drill');
    await page.waitForURL(/page=regions.*measure=SINGLE_BID_SHARE/);
    await page.waitForSelector('body[data-ready=regions]');
    expect(await page.$eval('#chart', (el) => el.getAttribute('aria-label'))).toContain('单一投标占比');
    // Ranked by the measure picked: the table's first row has the highest share.
    const shares = await page.$$eval('#table tbody td[data-measure=SINGLE_BID_SHARE]', (tds) => tds.map((td) => Number(td.getAttribute('data-value') || -1)));
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });

  it("takes a supervisor from a county's figure on to its projects, the same number the statistics give", async () => {
    const sup = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    watchPage(sup, found);
    await signIn(sup, h.baseUrl, keys.supervisor!, `?page=regions&region=${ALXA}&${RANGE}`);
    await sup.waitForSelector('body[data-ready=regions]');
    const rows = await sup.$$eval('#table tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-key')!, Number(tr.querySelector('td[data-measure=PROJECTS]')!.getAttribute('data-value'))] as const),
    );
    const [county, count] = rows.find(([, n]) => n > 0)!;
    await sup.click(`#table tbody tr[data-key="${county}"]`);
    await sup.waitForSelector('body[data-ready=projects]');
    expect(sup.url()).toContain(`region=${county}`);
    expect(await text(sup, '#projects-count')).toBe(`共 ${count.toLocaleString('zh-CN')} 个项目`);
    expect(await sup.locator('#projects-table tbody tr').count()).toBe(Math.min(count, 50));
    await shot(sup, 'supervisor-projects');
    await sup.close();
  });

  it('stops a policy key at aggregates: no projects page in its menu, and a link to it explains', async () => {
    await open(page, `page=overview&${RANGE}`, 'overview');
    expect(await page.locator('nav.pages a[data-page=projects]').count()).toBe(0);
    await open(page, `page=projects&region=${ALXA}&${RANGE}`, 'projects-forbidden');
    expect(await text(page, '#forbidden')).toContain('统计账号只能查看汇总数据');
  });
});

describe('layouts', () => {
  it('redraws charts when the window changes size', async () => {
    await open(page, `page=overview&${RANGE}`, 'overview');
    const wide = (await page.locator('#trend-chart canvas').first().boundingBox())!.width;
    await page.setViewportSize({ width: 900, height: 900 });
    await expect.poll(async () => (await page.locator('#trend-chart canvas').first().boundingBox())!.width).toBeLessThan(900);
    expect(wide).toBeGreaterThan(1000);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('fits a phone: no page wider than the screen, tables scroll in their own box', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    watchPage(phone, found);
    await signIn(phone, h.baseUrl, keys.policy!, `?page=overview&${RANGE}`);
    for (const [p, ready] of [
      ['overview', 'overview'],
      ['regions', 'regions'],
      ['map', 'map'],
      ['credit', 'credit'],
      ['quality', 'quality'],
      ['rankings', 'rankings'],
    ]) {
      await open(phone, `page=${p}&${RANGE}`, ready!);
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    }
    await phone.close();
  }, 120_000);

  it('runs a dark full-screen wall display that refreshes itself', async () => {
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    watchPage(wall, found);
    await wall.clock.install();
    await signIn(wall, h.baseUrl, keys.policy!, '?page=screen');
    await wall.waitForSelector('body[data-ready=screen]');
    expect(await wall.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(6, 21, 43)');
    expect(await wall.locator('header').isVisible()).toBe(false);
    const size = await wall.evaluate(`parseFloat(getComputedStyle(document.querySelector('.screen-card[data-measure=PROJECTS] .value')).fontSize)`);
    expect(size).toBeGreaterThanOrEqual(36);
    expect(await wall.locator('#screen-map canvas').count()).toBeGreaterThan(0);
    const ytd =
      (await figures(keys.policy!, { measures: ['PROJECTS'], filter: { from: `${new Date().getFullYear()}-01-01`, to: new Date().toISOString().slice(0, 10) } })).rows[0]?.values[0]
        ?.value ?? 0;
    expect(Number(await wall.getAttribute('.screen-card[data-measure=PROJECTS] .value', 'data-value'))).toBe(ytd);
    await shot(wall, 'screen-1920');
    const first = await wall.getAttribute('body', 'data-refreshed');
    await wall.clock.runFor(5 * 60_000 + 1000);
    await expect.poll(() => wall.getAttribute('body', 'data-refreshed')).not.toBe(first);
    await wall.click('#exit-screen');
    await wall.waitForSelector('body[data-ready=overview]');
    await wall.close();
  }, 120_000);
});

describe('accessibility and screenshots of every page', () => {
  const PAGES: Array<[string, string]> = [
    ['overview', 'overview'],
    ['regions', 'regions'],
    ['map', 'map'],
    ['categories', 'categories'],
    ['credit', 'credit'],
    ['quality', 'quality'],
    ['rankings', 'rankings'],
  ];

  it('finds no serious or critical axe-core violation on any page, for policy and supervisor', async () => {
    const problems: string[] = [];
    for (const [p, ready] of PAGES) {
      await open(page, `page=${p}&${RANGE}`, ready);
      for (const v of await seriousViolations(page)) problems.push(`policy ${p}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(' | ')}`);
    }
    const sup = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(sup, h.baseUrl, keys.supervisor!, `?page=projects&region=${ALXA}&${RANGE}`);
    for (const [p, ready] of [...PAGES, ['projects', 'projects'] as [string, string], ['warnings', 'warnings'] as [string, string], ['screen', 'screen'] as [string, string]]) {
      await open(sup, `page=${p}&${RANGE}`, ready);
      for (const v of await seriousViolations(sup)) problems.push(`supervisor ${p}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(' | ')}`);
    }
    await sup.close();
    expect(problems).toEqual([]);
  }, 300_000);

  it('screenshots every page in Chinese and English at desktop and phone sizes', async () => {
    for (const [label, viewport] of [
      ['desktop', { width: 1440, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const p = await browser.newPage({ viewport });
      await signIn(p, h.baseUrl, keys.admin!, `?${RANGE}`);
      for (const lang of ['zh', 'en']) {
        for (const [name, ready] of [...PAGES, ['projects', 'projects'] as [string, string], ['warnings', 'warnings'] as [string, string]]) {
          await open(p, `page=${name}&${RANGE}${name === 'projects' ? `&region=${ALXA}` : ''}${lang === 'en' ? '&lang=en' : ''}`, ready);
          await shot(p, `page-${name}-${lang}-${label}`);
        }
      }
      await p.close();
    }
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await signIn(wall, h.baseUrl, keys.admin!, '?page=screen&lang=en');
    await wall.waitForSelector('body[data-ready=screen]');
    await shot(wall, 'screen-1920-en');
    await wall.close();
  }, 300_000);

  it('loads only what the overview needs: no map, wall-display or warnings code on the first page', async () => {
    const p = await browser.newPage();
    const scripts: string[] = [];
    p.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await signIn(p, h.baseUrl, keys.policy!, `?page=overview&${RANGE}`);
    await p.waitForSelector('body[data-ready=overview]');
    expect(scripts.some((s) => /page-overview/.test(s))).toBe(true);
    for (const chunk of ['page-map', 'page-screen', 'pages-warnings', 'warning-graph']) expect(scripts.filter((s) => s.includes(chunk))).toEqual([]);
    await p.close();
  });

  it('ran into no script error, dialog or Content-Security-Policy complaint on any page', () => {
    expect(found.errors).toEqual([]);
    expect(found.dialogs).toEqual([]);
    expect(found.csp).toEqual([]);
  });
});
