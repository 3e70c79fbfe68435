import type { DemoBid, DemoDataset, DemoEntity, DemoProject } from './generator';
import { drawFingerprint, drawMac } from './fingerprints';
import { fenToYuan, Random } from './random';

/**
 * Cases of abnormal trading planted in the demo region, so that early warning has something
 * real to find and the tests can check it finds them (issue 13): a ring of three firms
 * sharing one MAC address across five projects, one initiator's works split into pieces
 * under the tender threshold, a firm that bids all year and never wins, a 10-day bid
 * period on a project that must be tendered, and a winner on a blacklist. About one of each
 * per 3,000 projects, none below 500 (the rate supervisors report finding such cases by hand). A Random of
 * its own, so the rest of the region stays exactly as the seed made it.
 */
export interface PlantedCases {
  rings: Array<{ firms: string[]; mac: string; projects: string[] }>;
  splits: Array<{ initiator: string; projects: string[] }>;
  perpetualLosers: Array<{ firm: string; year: number; bids: number }>;
  shortBidPeriods: string[];
  blacklistedWinners: Array<{ firm: string; project: string; entry: string }>;
}

const DAY = 86_400_000;

export function plantCases(ds: DemoDataset, seed: number, projects: number, until: Date): PlantedCases {
  const rnd = new Random(seed ^ 0x5eed_c0de);
  const planted: PlantedCases = { rings: [], splits: [], perpetualLosers: [], shortBidPeriods: [], blacklistedWinners: [] };
  // Templates: opened, awarded construction projects well before the end of the period.
  const done = ds.projects.filter((p) => p.categoryCode === 'construction' && p.bidOpeningAt.getTime() < until.getTime() - 90 * DAY);
  const firms = ds.entities.filter((e) => e.key.startsWith('E-F'));
  if (done.length < 10 || firms.length < 20) return planted;
  // A small demo (a test's few hundred projects) plants nothing: one ring in 150 projects is no realistic rate.
  const times = projects < 500 ? 0 : Math.max(1, Math.round(projects / 3000));
  let n = 0;
  const copy = (template: DemoProject, over: Partial<DemoProject>): DemoProject => {
    const key = `PRJ-PLANT-${++n}`;
    const p: DemoProject = { ...template, key, projectCode: `${template.projectCode}-Z${n}`, dealCode: `${template.dealCode.slice(0, -7)}9${String(n).padStart(6, '0')}`, ...over };
    ds.projects.push(p);
    ds.notices.push({ key: `N-PLANT-${n}`, projectKey: key, kind: 'tender', title: `${p.title}公告`, publishedAt: p.registeredAt });
    return p;
  };
  const bid = (p: DemoProject, firm: DemoEntity, price: number, over: Partial<DemoBid> = {}): DemoBid => {
    const b: DemoBid = {
      key: `B-PLANT-${p.key}-${firm.key}`,
      projectKey: p.key,
      bidderKey: firm.key,
      price: fenToYuan(Math.round(price * 100)),
      submittedAt: new Date(p.bidOpeningAt.getTime() - rnd.int(2, 48) * 3600_000),
      depositForm: 'e_guarantee',
      ...drawFingerprint(rnd),
      status: 'valid',
      statusReason: null,
      score: null,
      rank: null,
      ...over,
    };
    ds.bids.push(b);
    return b;
  };
  const award = (p: DemoProject, winner: DemoBid) => {
    const awardedAt = new Date(p.bidOpeningAt.getTime() + 7 * DAY);
    ds.awards.push({ key: `AW-${p.key}`, projectKey: p.key, winnerKey: winner.bidderKey, amount: winner.price, awardedAt, publishedAt: new Date(awardedAt.getTime() + DAY) });
    p.status = 'awarded';
  };
  const budgetOf = (p: DemoProject) => Number(p.budget);

  for (let t = 0; t < times; t++) {
    // A ring: three firms, one MAC address, five projects, the win taken in turns, an honest firm or two beside them.
    const ring = rnd.shuffle(firms).slice(0, 3);
    const mac = drawMac(rnd);
    const ringProjects: string[] = [];
    for (let k = 0; k < 5; k++) {
      const p = copy(rnd.pick(done), {});
      const budget = budgetOf(p);
      const bids = ring.map((firm, i) => bid(p, firm, budget * (0.9 + 0.02 * ((i + k) % 3)), { macAddress: mac }));
      for (const honest of rnd.shuffle(firms.filter((f) => !ring.includes(f))).slice(0, 1 + (k % 2))) bid(p, honest, budget * (0.93 + rnd.next() * 0.05));
      award(p, bids[k % 3]!);
      ringProjects.push(p.key);
    }
    planted.rings.push({ firms: ring.map((f) => f.key), mac, projects: ringProjects });

    // A split: one initiator's works procured by inquiry in three pieces of 1.5 million within a month.
    const template = rnd.pick(done);
    const pieces = [0, 9, 20].map((d, i) =>
      copy(template, {
        title: `${template.title}（第${i + 1}段）`,
        budget: '1500000.00',
        controlPrice: '1500000.00',
        totalInvestment: null,
        mustTender: null,
        procurementMethod: 'inquiry',
        registeredAt: new Date(template.registeredAt.getTime() + d * DAY),
        bidOpeningAt: new Date(template.registeredAt.getTime() + (d + 5) * DAY),
      }),
    );
    for (const p of pieces) award(p, bid(p, rnd.pick(firms), 1_450_000));
    planted.splits.push({ initiator: template.initiatorKey, projects: pieces.map((p) => p.key) });

    // A firm that bids twenty-five times in a year and never wins: dear bids on opened projects of one year.
    const year = done[0]!.registeredAt.getUTCFullYear();
    const registered = new Map(ds.projects.map((p) => [p.key, p.registeredAt.getUTCFullYear()]));
    const wonThatYear = new Set(ds.awards.filter((a) => registered.get(a.projectKey) === year).map((a) => a.winnerKey));
    const loser = rnd.pick(firms.filter((f) => !ring.includes(f) && !wonThatYear.has(f.key)));
    const targets = rnd
      .shuffle(done.filter((p) => p.registeredAt.getUTCFullYear() === year && !ds.bids.some((b) => b.projectKey === p.key && b.bidderKey === loser.key)))
      .slice(0, 25);
    for (const p of targets) bid(p, loser, budgetOf(p) * 0.999);
    planted.perpetualLosers.push({ firm: loser.key, year, bids: targets.length });

    // A bid period of ten days on a project that must be tendered.
    const hurried = copy(rnd.pick(done), { budget: '12000000.00', controlPrice: '12000000.00', mustTender: true, procurementMethod: 'open_tender' });
    hurried.bidOpeningAt = new Date(hurried.registeredAt.getTime() + 10 * DAY);
    for (const firm of rnd.shuffle(firms).slice(0, 3)) bid(hurried, firm, 11_000_000 + rnd.int(0, 500_000));
    planted.shortBidPeriods.push(hurried.key);

    // A winner on a blacklist in force on the award day.
    const listed = rnd.pick(firms.filter((f) => !ring.includes(f) && f !== loser));
    const won = copy(rnd.pick(done), {});
    const winning = bid(won, listed, budgetOf(won) * 0.91);
    bid(won, rnd.pick(firms.filter((f) => f !== listed)), budgetOf(won) * 0.95);
    award(won, winning);
    const entry = `BL-PLANT-${t}`;
    ds.blacklistEntries.push({
      key: entry,
      entityKey: listed.key,
      listType: 'dishonest',
      authority: '内蒙古自治区高级人民法院',
      basis: '失信被执行人',
      startsOn: new Date(won.registeredAt.getTime() - 30 * DAY).toISOString().slice(0, 10),
      endsOn: null,
      removedOn: null,
      removalReason: null,
    });
    planted.blacklistedWinners.push({ firm: listed.key, project: won.key, entry });
  }
  return planted;
}
