import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot as screenshot } from './helpers/browser';
import { Factory, type EntityRow } from './helpers/factories';
import { createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';
import { makeWarning, type WarningRow } from './helpers/warnings';

/**
 * The supervisors' warnings page (issue 13, "For supervisors") in chromium: the queue of a
 * remit with its filters, a warning's evidence and review, and the graph of linked bidders.
 * Screenshots go to test-output/screenshots/.
 */
const DAY = 86_400_000;

let hub: TestHub;
let baseUrl: string;
let browser: Browser;
let page: Page;
const keys: Record<string, string> = {};
let firms: EntityRow[];
let person: EntityRow;
let w: Record<'section' | 'ring' | 'set' | 'prices' | 'overdue' | 'odd' | 'hohhot', WarningRow>;

const cspViolations: string[] = [];
function watch(p: Page) {
  p.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${p.url()}: ${m.text()}`);
  });
}

beforeAll(async () => {
  hub = await createTestHub({}, { databaseUrl: await isolatedDatabase('dashboards_warnings') });
  baseUrl = await hub.listen();
  const f = new Factory(hub.database.db, hub.services);
  keys.supervisor = (
    await hub.services.apiKeys.create({
      name: '阿拉善盟住建局 监管科',
      role: 'supervisor',
      department: '阿拉善盟住房和城乡建设局',
      regions: ['152900'],
      categories: ['construction'],
    })
  ).key;
  keys.admin = await f.key('admin');
  keys.policy = (await hub.services.apiKeys.create({ name: '发展改革委 综合处', role: 'policy' })).key;
  firms = [await f.entity(), await f.entity(), await f.entity(), await f.entity()];
  person = await f.person();
  const alxa = await f.project({ platformCode: 'P152900', regionCode: '152921', title: '巴彦浩特镇教学楼新建工程' });
  const alxa2 = await f.project({ platformCode: 'P152900', title: '额济纳旗供水管网改造工程' });
  const hohhot = await f.project({ platformCode: 'P150100', regionCode: '150100' });
  const db = hub.database.db;
  const [a, b, c, d] = firms.map((x) => x.id) as [number, number, number, number];
  const ago = (days: number) => new Date(Date.now() - days * DAY);
  w = {
    overdue: await makeWarning(db, {
      project: alxa2,
      indicator: 'short_bid_period',
      severity: 'low',
      raisedAt: ago(40),
      summary: '等标期 12 天，少于法定的 20 天',
      evidence: { days: 12, requiredDays: 20 },
    }),
    odd: await makeWarning(db, { project: alxa2, indicator: 'repeated_winner', severity: 'medium', raisedAt: ago(6), entityIds: [d], evidence: { nested: { deeper: { x: 1 } } } }),
    set: await makeWarning(db, {
      projects: [alxa, alxa2],
      indicator: 'recurring_bidder_set',
      severity: 'medium',
      raisedAt: ago(5),
      entityIds: [c, d],
      evidence: { bidders: [c, d], projects: [alxa.id, alxa2.id], winners: [c] },
      summary: '同一组 2 家投标人在 2 个标段中共同投标',
    }),
    ring: await makeWarning(db, {
      projects: [alxa2, alxa],
      indicator: 'fingerprint_ring',
      raisedAt: ago(4),
      entityIds: [a, person.id],
      evidence: { kind: 'machine', value: 'MC-7F3A', bidders: [String(a), String(person.id)], projects: [alxa2.id, alxa.id], bids: [1, 2] },
      summary: '2 家投标人在 2 个项目中共用同一机器码',
    }),
    prices: await makeWarning(db, {
      project: alxa,
      indicator: 'identical_prices',
      severity: 'medium',
      raisedAt: ago(3),
      entityIds: [b, c],
      evidence: { price: '1280000.00', bidders: [b, c], bids: [3, 4] },
    }),
    section: await makeWarning(db, {
      project: alxa,
      raisedAt: ago(2),
      entityIds: [a, b, c],
      evidence: {
        shares: [
          { kind: 'mac', value: '00:1A:2B:3C:4D:5E', bidders: [a, b, c], bids: [5, 6, 7] },
          { kind: 'ip', value: '10.15.2.8', bidders: [a, b], bids: [5, 6] },
        ],
      },
      summary: '同一标段 3 家投标人共用MAC 地址、IP 地址',
    }),
    hohhot: await makeWarning(db, { project: hohhot, raisedAt: ago(1), entityIds: [a, d], evidence: { shares: [{ kind: 'file', value: 'ff00', bidders: [a, d], bids: [8, 9] }] } }),
  };
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  watch(page);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const shot = (name: string, p: Page = page) => screenshot(p, name);
const rowIds = (p: Page = page) => p.$$eval('#warnings-table tbody tr', (trs) => trs.map((tr) => Number(tr.getAttribute('data-key'))));

async function signIn(p: Page, key: string, search = '?page=warnings') {
  await p.goto(`${baseUrl}/dashboards/${search}`);
  await p.fill('input[name=key]', key);
  await p.click('button[type=submit]');
}

describe('the warnings page for a supervisor', () => {
  it('shows the queue of its remit only, newest first, in Chinese, with overdue deadlines in red', async () => {
    await signIn(page, keys.supervisor!);
    await page.waitForSelector('body[data-ready=warnings]');
    expect(await page.textContent('nav.pages a[data-page=warnings]')).toBe('预警');
    expect(await rowIds()).toEqual([w.section, w.prices, w.ring, w.set, w.odd, w.overdue].map((x) => x.id));
    expect(await page.getAttribute('#warnings-total', 'data-total')).toBe('6');
    const first = await page.$$eval('#warnings-table tbody tr:first-child td', (tds) => tds.map((td) => td.textContent));
    expect(first[0]).toBe('同标段共用设备指纹');
    expect(first[1]).toBe('高');
    expect(first[2]).toContain('巴彦浩特镇教学楼新建工程');
    expect(first[4]).toBe('待处理');
    const due = page.locator(`#warnings-table tr[data-key="${w.overdue.id}"] td.due`);
    expect(await due.textContent()).toContain('已逾期');
    expect(await due.evaluate((td) => td.ownerDocument.defaultView!.getComputedStyle(td).color)).toBe('rgb(185, 28, 28)');
    // Only the remit's regions and categories are offered.
    const regions = await page.locator('select[name=region] option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    expect(regions).toContain('152900');
    expect(regions).toContain('152921');
    expect(regions).not.toContain('150100');
    expect(await page.locator('select[name=category] option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))).toEqual(['', 'construction']);
    await shot('warnings-queue');
  });

  it('draws the network of linked bidders in its remit', async () => {
    const api = await hub.gql('{ warningNetwork { nodes { id } edges { kind } } }', { key: keys.supervisor });
    expect(api.errors).toBeUndefined();
    // a, b, c and the person: the Hohhot warning's firm d link lies outside, d's co-bidding with c inside.
    expect(api.data!.warningNetwork.nodes).toHaveLength(5);
    expect(await page.getAttribute('#network-chart', 'data-nodes')).toBe('5');
    expect(await page.getAttribute('#network-chart', 'data-links')).toBe(String(api.data!.warningNetwork.edges.length));
    expect(await page.locator('#network-chart canvas').count()).toBeGreaterThan(0);
    const legend = await page.$$eval('.link-legend .legend-item', (items) => items.map((i) => i.textContent));
    expect(legend.sort()).toEqual(['IP 地址相同', 'MAC 地址相同', '固定组合投标', '机器码相同'].sort());
  });

  it('filters the queue to an entity when its node is clicked', async () => {
    // The one person is the one node drawn in the persons' colour (#db2777); the
    // legend at the top shows that colour too, so look below it.
    await page.locator('#network-chart').scrollIntoViewIfNeeded();
    const personNode = async () =>
      (await page.evaluate(`(() => {
      const c = document.querySelector('#network-chart canvas');
      const { width, height } = c;
      const d = c.getContext('2d').getImageData(0, 0, width, height).data;
      const pink = (px, py) => { const i = (py * width + px) * 4; return d[i] === 219 && d[i + 1] === 39 && d[i + 2] === 119; };
      // The pink pixel deepest inside the pink area: a firm's node drawn over part of the
      // person's leaves the rest of it to point at, where the centre might be covered.
      let best = null, bestScore = -1;
      for (let y = 41; y < height; y++) for (let x = 0; x < width; x++) {
        if (!pink(x, y)) continue;
        let score = 0;
        for (let dy = -4; dy <= 4; dy++) for (let dx = -4; dx <= 4; dx++) if (x + dx >= 0 && x + dx < width && y + dy > 40 && y + dy < height && pink(x + dx, y + dy)) score++;
        if (score > bestScore) (bestScore = score, best = { x, y });
      }
      if (!best) return null;
      const r = c.getBoundingClientRect();
      return { x: r.left + (best.x + 0.5) * r.width / width, y: r.top + (best.y + 0.5) * r.height / height };
    })()`)) as { x: number; y: number } | null;
    // Point at the node where it is drawn now: the graph's layout may still be settling, so a
    // node found a moment ago can have moved from under the pointer. Its tooltip, built as
    // text under the CSP, names it.
    await expect
      .poll(async () => {
        const at = await personNode();
        if (!at) return null;
        await page.mouse.move(at.x, at.y);
        await page.waitForTimeout(150);
        return page.textContent('#network-chart .tooltip-head');
      })
      .toBe(person.name);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForURL(new RegExp(`entity=${person.id}`));
    await expect.poll(() => rowIds()).toEqual([w.ring.id]);
    await expect.poll(() => page.textContent('#entity-filter')).toContain(person.name);
    await page.click('#clear-entity');
    await expect.poll(() => rowIds()).toHaveLength(6);
    // The table under the graph picks an entity the same way.
    await page.click(`#network-table tr[data-key="${firms[3]!.id}"]`);
    await page.waitForURL(new RegExp(`entity=${firms[3]!.id}`));
    await expect.poll(() => rowIds()).toEqual([w.set.id, w.odd.id]);
    await page.click('#clear-entity');
    await expect.poll(() => rowIds()).toHaveLength(6);
  });

  it('filters by indicator and overdue, in the URL, and resets', async () => {
    await page.selectOption('select[name=indicator]', 'fingerprint_ring');
    await page.click('#warning-filters button[type=submit]');
    await page.waitForURL(/indicator=fingerprint_ring/);
    await expect.poll(() => rowIds()).toEqual([w.ring.id]);
    await page.waitForSelector('body[data-ready=warnings]');
    expect(await page.getAttribute('#network-chart', 'data-nodes')).toBe('2');
    await page.click('#reset-filters');
    await expect.poll(() => rowIds()).toHaveLength(6);
    await page.check('input[name=overdue]');
    await page.click('#warning-filters button[type=submit]');
    await page.waitForURL(/overdue=1/);
    await expect.poll(() => rowIds()).toEqual([w.overdue.id]);
    // A link with a value outside the remit is reset, and says so.
    await page.goto(`${baseUrl}/dashboards/?page=warnings&region=150100`);
    await page.waitForSelector('body[data-ready=warnings]');
    expect(await page.textContent('#filter-notice')).toContain('已重置');
    expect(await rowIds()).toHaveLength(6);
  });

  it("opens a warning: its evidence as tables with the bidders' names, its entities and trail", async () => {
    await page.click(`#warnings-table tr[data-key="${w.section.id}"]`);
    await page.waitForSelector('body[data-ready=warning]');
    expect(page.url()).toContain(`warning=${w.section.id}`);
    expect(await page.textContent('#warning-title')).toBe(`同标段共用设备指纹 · #${w.section.id}`);
    expect(await page.textContent('#warning-facts')).toContain('同一标段 3 家投标人共用MAC 地址、IP 地址');
    const shares = await page.$$eval('table[data-field=shares] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(shares[0]![0]).toBe('MAC 地址');
    expect(shares[0]![1]).toBe('00:1A:2B:3C:4D:5E');
    expect(shares[0]![2]).toBe(
      firms
        .slice(0, 3)
        .map((x) => x.name)
        .join('、'),
    );
    expect(await page.locator('#evidence-json').count()).toBe(0);
    expect(await page.locator('#warning-entities tbody tr').count()).toBe(3);
    expect(await page.$$eval('#warning-trail tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-action')))).toEqual(['raised']);
    await shot('warning-detail');
  });

  it('keeps dismissal disabled without a reason, and dismisses with one: status and trail show it', async () => {
    const button = page.locator('#dismiss-button');
    expect(await button.isDisabled()).toBe(true);
    await page.fill('#dismiss-form textarea[name=reason]', '   ');
    expect(await button.isDisabled()).toBe(true);
    const reason = '三家投标人均在代理机构开标室的公共电脑上制作投标文件，MAC 地址相同不属于串通投标。';
    await page.fill('#dismiss-form textarea[name=reason]', reason);
    expect(await button.isDisabled()).toBe(false);
    await button.click();
    await page.waitForSelector('#action-result');
    expect(await page.textContent('#action-result')).toBe('已排除该预警。');
    expect(await page.getAttribute('#warning-status', 'data-status')).toBe('dismissed');
    expect(await page.textContent('#warning-trail tr[data-action=dismissed]')).toContain(reason);
    expect(await page.textContent('#warning-trail tr[data-action=dismissed]')).toContain('阿拉善盟住建局 监管科');
    // A decided warning offers comments only.
    expect(await page.locator('#dismiss-form, #confirm-form').count()).toBe(0);
    expect(await page.locator('#comment-form').count()).toBe(1);
    const r = await hub.gql(`{ warning(id: "${w.section.id}") { status decisionNote } }`, { key: keys.admin });
    expect(r.data!.warning).toEqual({ status: 'dismissed', decisionNote: reason });
    await shot('warning-dismissed');
  });

  it("shows the API's refusal in Chinese: a warning decided meanwhile by someone else", async () => {
    await page.goto(`${baseUrl}/dashboards/?page=warnings&warning=${w.prices.id}`);
    await page.waitForSelector('body[data-ready=warning]');
    expect(await page.locator('table.evidence-fields tr[data-field=price] td').textContent()).toBe('1,280,000.00');
    const other = await hub.gql(`mutation { confirmWarning(id: "${w.prices.id}", note: "报价完全相同，已调取投标文件核实") { status } }`, { key: keys.admin });
    expect(other.errors).toBeUndefined();
    await page.fill('#dismiss-form textarea[name=reason]', '报价相同系按招标控制价下浮同一比例所致');
    await page.click('#dismiss-button');
    await expect.poll(() => page.textContent('#action-error')).toContain('该预警已处理过');
  });

  it('shows evidence of an unknown shape as formatted JSON', async () => {
    await page.goto(`${baseUrl}/dashboards/?page=warnings&warning=${w.odd.id}`);
    await page.waitForSelector('body[data-ready=warning]');
    expect(JSON.parse((await page.textContent('#evidence-json'))!)).toEqual({ nested: { deeper: { x: 1 } } });
  });
});

describe('the warnings page in English', () => {
  it('names the indicators, statuses and columns in English with the switch', async () => {
    await page.goto(`${baseUrl}/dashboards/?page=warnings&lang=en`);
    await page.waitForSelector('body[data-ready=warnings]');
    expect(await page.textContent('h2')).toBe('Warnings queue');
    expect(await page.textContent('nav.pages a[data-page=warnings]')).toBe('Warnings');
    const first = await page.$$eval('#warnings-table tbody tr:first-child td', (tds) => tds.map((td) => td.textContent));
    expect(first[0]).toBe('Shared device fingerprint in a section');
    expect(first[4]).toBe('Dismissed');
  });
});

describe('the warnings page for other roles', () => {
  it("is not in a policy session's menu, and a link to it says why in Chinese", async () => {
    const p = await (await browser.newContext()).newPage();
    watch(p);
    await signIn(p, keys.policy!);
    await p.waitForSelector('body[data-ready=warnings-forbidden]');
    expect(await p.textContent('#forbidden')).toContain('预警页面仅向行政监督部门和管理员开放');
    expect(await p.locator('nav.pages a[data-page=warnings]').count()).toBe(0);
    expect(await p.locator('nav.pages a[data-page=overview]').count()).toBe(1);
    await p.context().close();
  });

  it('tripped no Content-Security-Policy on any page', () => {
    expect(cspViolations).toEqual([]);
  });
});
