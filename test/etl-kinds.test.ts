import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobConfig } from '../etl/job-config';
import { runJob, type RunnerContext } from '../etl/runner';
import { createLogger } from '../src/server/logger';
import { Factory, makeUscc } from './helpers/factories';
import { createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let ctx: RunnerContext;
let dir: string;
let credit: string;
let admin: string;

beforeAll(async () => {
  hub = await createTestHub();
  ctx = { database: hub.database, registry: hub.registry, log: createLogger('silent'), limits: { maxPartBytes: 1e9, maxRatio: 100 }, secret: () => undefined, backoffMs: 10 };
  dir = await mkdtemp(path.join(tmpdir(), 'hub-etl-kinds-'));
  await chmod(dir, 0o755);
  const f = new Factory(hub.database.db, hub.services);
  credit = await f.key('credit');
  admin = await f.key('admin');
});
afterAll(async () => {
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

const job = (over: Record<string, unknown>) => ({ schedule: '0 * * * *', enabled: true, timeoutSeconds: 60, retries: 0, ...over }) as JobConfig;
const tag = () => Math.random().toString(36).slice(2, 8);

describe('credit list feed (CSV)', () => {
  let server: Server;
  let csv = '';
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => void res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(csv));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export.csv`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('loads the blacklist export, applies a later removal (信用修复), and quarantines a bad code', async () => {
    const uscc = makeUscc();
    const header = '统一社会信用代码,主体名称,名单类型,认定机关,认定依据,列入日期,有效期至,移出日期,移出原因';
    csv = `\uFEFF${header}\n${uscc},阿拉善某建设有限公司,严重违法失信名单,内蒙古自治区发展和改革委员会,串通投标,2025-03-20,2028-03-19,,\n9144030071526726XA,错误代码公司,失信名单,某机关,依据,2025-01-01,,,\n`;
    const blacklist = job({ name: `credit-bl-${tag()}`, kind: 'credit_list_csv', list: 'blacklist', url });
    const first = await runJob(ctx, blacklist, 'manual');
    expect(first).toMatchObject({ status: 'succeeded', records: 2, stored: 1, rejected: 1 });
    const q = () => hub.gql(`{ entity(uscc: "${uscc}") { blacklistEntries { listType startsOn removedOn removalReason provenance { sourceRecordId } } } }`, { key: credit });
    expect((await q()).data!.entity.blacklistEntries).toEqual([
      { listType: 'serious_dishonest', startsOn: '2025-03-20', removedOn: null, removalReason: null, provenance: { sourceRecordId: `${uscc}:严重违法失信名单:2025-03-20` } },
    ]);
    csv = `${header}\n${uscc},阿拉善某建设有限公司,严重违法失信名单,内蒙古自治区发展和改革委员会,串通投标,2025-03-20,2028-03-19,2025-09-01,信用修复\n`;
    const second = await runJob(ctx, blacklist, 'manual');
    expect(second).toMatchObject({ status: 'succeeded', stored: 1 });
    expect((await q()).data!.entity.blacklistEntries).toMatchObject([{ removedOn: '2025-09-01', removalReason: '信用修复' }]);
  });

  it('loads the penalty export, with publication lateness, and names missing columns', async () => {
    const uscc = makeUscc();
    csv = `统一社会信用代码,主体名称,处罚决定书文号,处罚机关,处罚决定日期,公示日期,处罚内容,罚款金额\n${uscc},某公司,阿罚〔2025〕${tag()}号,阿拉善盟市场监督管理局,2025-01-24,2025-02-12,串通投标,50000\n`;
    const penalties = job({ name: `credit-pen-${tag()}`, kind: 'credit_list_csv', list: 'penalties', url });
    expect(await runJob(ctx, penalties, 'manual')).toMatchObject({ status: 'succeeded', stored: 1 });
    const q = await hub.gql(`{ entity(uscc: "${uscc}") { penalties { amount publishedLateBy } } }`, { key: credit });
    expect(q.data!.entity.penalties).toEqual([{ amount: '50000.00', publishedLateBy: 2 }]);
    csv = '统一社会信用代码,主体名称\n91330100716105852F,x\n';
    expect(await runJob(ctx, penalties, 'manual')).toMatchObject({ status: 'failed', error: expect.stringContaining('处罚决定书文号') });
  });
});

describe('OCDS import', () => {
  it('maps a release package onto projects, bids, awards and contracts', async () => {
    const t = tag();
    const [buyer, a, b] = [makeUscc(), makeUscc(), makeUscc()];
    const ocid = `ocds-nm${t}-000001`;
    const pkg = {
      uri: 'https://example.cn/ocds/1.json',
      publishedDate: '2025-07-01T00:00:00Z',
      version: '1.1',
      releases: [
        {
          ocid,
          id: `${ocid}-award`,
          date: '2025-07-01T10:00:00+08:00',
          tag: ['award'],
          parties: [
            { id: 'buyer', name: '阿拉善盟教育局', identifier: { scheme: 'CN-USCC', id: buyer }, roles: ['buyer'] },
            { id: 'a', name: `${t} 甲公司`, identifier: { scheme: 'CN-USCC', id: a }, roles: ['tenderer', 'supplier'] },
            { id: 'b', name: `${t} 乙公司`, identifier: { scheme: 'CN-USCC', id: b }, roles: ['tenderer'] },
          ],
          buyer: { id: 'buyer', name: '阿拉善盟教育局' },
          tender: {
            id: `T-${t}`,
            title: `${t} 教学设备采购`,
            value: { amount: 500000, currency: 'CNY' },
            procurementMethod: 'open',
            mainProcurementCategory: 'goods',
            tenderPeriod: { startDate: '2025-06-01T09:00:00+08:00', endDate: '2025-06-20T09:30:00+08:00' },
          },
          bids: {
            details: [
              { id: '1', date: '2025-06-19T10:00:00+08:00', tenderers: [{ id: 'a' }], value: { amount: 480000 } },
              { id: '2', tenderers: [{ id: 'b' }], value: { amount: 490000 } },
            ],
          },
          awards: [{ id: 'AW1', date: '2025-06-25T10:00:00+08:00', value: { amount: 480000 }, suppliers: [{ id: 'a' }] }],
          contracts: [{ id: 'C1', awardID: 'AW1', value: { amount: 480000 }, dateSigned: '2025-07-01T10:00:00+08:00' }],
        },
      ],
    };
    const folder = path.join(dir, `ocds-${t}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'release-package.json'), JSON.stringify(pkg));
    const run = await runJob(ctx, job({ name: `ocds-${t}`, kind: 'landing_folder', platform: 'P152900', region: '152921', folder }), 'manual');
    expect(run).toMatchObject({ status: 'succeeded', records: 5, stored: 5, rejected: 0 });
    expect(await readdir(path.join(folder, 'done'))).toContain('release-package.json');
    const q = await hub.gql(
      `{ projects(filter: { text: "T-${t}" }) { nodes { title budget category { code } region { code } initiator { uscc }
      bids { price bidder { uscc } } awards { amount winner { uscc } } contracts { amount supplier { uscc } } } } }`,
      { key: admin },
    );
    const p = q.data!.projects.nodes[0];
    expect(p).toMatchObject({
      title: `${t} 教学设备采购`,
      budget: '500000.00',
      category: { code: 'government_procurement' },
      region: { code: '152921' },
      initiator: { uscc: buyer },
    });
    expect(p.bids.map((x: { bidder: { uscc: string } }) => x.bidder.uscc).sort()).toEqual([a, b].sort());
    expect(p.awards).toEqual([{ amount: '480000.00', winner: { uscc: a } }]);
    expect(p.contracts).toEqual([{ amount: '480000.00', supplier: { uscc: a } }]);
  });
});

describe('CSV in a landing folder', () => {
  it('loads push records from a spreadsheet export, nested fields by dotted column names', async () => {
    const t = tag();
    const folder = path.join(dir, `csv-${t}`);
    await mkdir(folder, { recursive: true });
    const [buyer, bidder] = [makeUscc(), makeUscc()];
    // A code of digits with a leading zero must stay text.
    const code = `0${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const csv = [
      'type,id,version,projectCode,title,category,region,initiator.uscc,initiator.name,budget,procurementMethod,registeredAt,isElectronic,project,bidder.uscc,bidder.name,price,submittedAt,depositForm',
      `project,P-${t},2025-06-01T09:00:00+08:00,${code},${t} 办公设备采购,政府采购,152921,${buyer},阿拉善左旗财政局,300000,询价,2025-06-01T09:00:00+08:00,否,,,,,,`,
      `bid,B-${t},2025-06-10T09:00:00+08:00,,,,,,,,,,,P-${t},${bidder},某公司,288000.5,2025-06-10T09:00:00+08:00,信用承诺`,
      `bid,B2-${t},2025-06-10T09:00:00+08:00,,,,,,,,,,,P-${t},9144030071526726XA,坏代码公司,1,2025-06-10T09:00:00+08:00,现金`,
    ].join('\n');
    await writeFile(path.join(folder, 'export.csv'), `\uFEFF${csv}\n`);
    const run = await runJob(ctx, job({ name: `csv-${t}`, kind: 'landing_folder', platform: 'P152900', folder }), 'manual');
    expect(run).toMatchObject({ status: 'succeeded', records: 3, stored: 2, rejected: 1 });
    const q = await hub.gql(`{ projects(filter: { text: "${t}" }) { nodes { projectCode isElectronic procurementMethod bids { price bidder { uscc } } } } }`, { key: admin });
    expect(q.data!.projects.nodes).toEqual([{ projectCode: code, isElectronic: false, procurementMethod: 'inquiry', bids: [{ price: '288000.50', bidder: { uscc: bidder } }] }]);
  });
});
