import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Factory, type EntityRow } from './helpers/factories';
import { codes, createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';
import { makeWarning, type WarningRow } from './helpers/warnings';

// docs/early-warning.md, "Reviewing warnings (supervisors)": each example runs as written,
// with the variables the doc gives (its warning id standing for this test's own), and
// answers as the doc says.

let hub: TestHub;
const keys: Record<string, string> = {};
let firm: EntityRow;
let inRemit: WarningRow;
let outside: WarningRow;
let confirmed: WarningRow;
const examples: Array<{ query: string; variables: Record<string, unknown> | null }> = [];

beforeAll(async () => {
  const doc = await readFile(new URL('../docs/early-warning.md', import.meta.url), 'utf8');
  const start = doc.indexOf('## Reviewing warnings (supervisors)');
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end === -1 ? undefined : end);
  // Each ```graphql block, with the ```json block right after it as its variables.
  for (const [, lang, body] of section.matchAll(/```(graphql|json)\n(.+?)```/gs)) {
    if (lang === 'graphql') examples.push({ query: body!, variables: null });
    else examples.at(-1)!.variables = JSON.parse(body!) as Record<string, unknown>;
  }

  hub = await createTestHub({}, { databaseUrl: await isolatedDatabase('early_warning_doc') });
  const f = new Factory(hub.database.db, hub.services);
  keys.supervisor = await f.key('supervisor', { department: '阿拉善盟住房和城乡建设局', regions: ['152900'], categories: ['construction'] });
  keys.credit = await f.key('credit');
  firm = await f.entity();
  const person = await f.person();
  const alxa = await f.project({ platformCode: 'P152900', regionCode: '152921' });
  const hohhot = await f.project({ platformCode: 'P150100', regionCode: '150100' });
  const db = hub.database.db;
  inRemit = await makeWarning(db, {
    project: alxa,
    entityIds: [firm.id, person.id],
    evidence: { machineCode: 'A1B2C3D4', bidders: [{ name: person.name, idNumber: person.personIdNumber }] },
  });
  outside = await makeWarning(db, { project: hohhot, entityIds: [firm.id] });
  confirmed = await makeWarning(db, { project: hohhot, entityIds: [firm.id], status: 'confirmed', summary: '中标人中标时在失信名单上', indicator: 'blacklisted_winner' });
  await makeWarning(db, { project: alxa, entityIds: [firm.id], severity: 'low' });
});
afterAll(() => hub?.close());

it('has the four examples: the queue, one warning, a dismissal and the confirmed warnings of an entity', () => {
  expect(examples.map((e) => /\{\s*(\w+)/.exec(e.query.slice(e.query.indexOf('{')))![1])).toEqual(['warnings', 'warning', 'dismissWarning', 'entity']);
});

it("answers the queue example with the supervisor's open, high-severity warnings in its remit only", async () => {
  const [queue] = examples;
  const r = await hub.gql(queue!.query, { key: keys.supervisor, variables: queue!.variables! });
  expect(r.errors).toBeUndefined();
  expect(r.data!.warnings).toMatchObject({
    totalCount: 1,
    pageInfo: { hasNextPage: false },
    nodes: [{ id: String(inRemit.id), status: 'open', severity: 'high', overdue: false }],
  });
  expect(r.data!.warnings.nodes[0].region.code).toBe('152921');
});

it('answers the warning example with its evidence (ID numbers masked), entities and trail', async () => {
  const r = await hub.gql(examples[1]!.query, { key: keys.supervisor, variables: { id: String(inRemit.id) } });
  expect(r.errors).toBeUndefined();
  expect(r.data!.warning).toMatchObject({ id: String(inRemit.id), evidence: { machineCode: 'A1B2C3D4' }, events: [{ action: 'raised', actor: '预警引擎' }] });
  expect(r.data!.warning.entities).toHaveLength(2);
  expect(r.data!.warning.evidence.bidders[0].idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
  expect(codes(await hub.gql(examples[1]!.query, { key: keys.supervisor, variables: { id: String(outside.id) } }))).toEqual(['NOT_FOUND']);
});

it('dismisses with the example reason, and refuses a second decision with CONFLICT as the doc says', async () => {
  const dismiss = examples[2]!;
  const variables = { ...dismiss.variables!, id: String(inRemit.id) };
  const r = await hub.gql(dismiss.query, { key: keys.supervisor, variables });
  expect(r.errors).toBeUndefined();
  expect(r.data!.dismissWarning).toMatchObject({ status: 'dismissed', decisionNote: dismiss.variables!.reason });
  expect(r.data!.dismissWarning.events.map((e: { action: string }) => e.action)).toEqual(['raised', 'dismissed']);
  const again = await hub.gql(dismiss.query, { key: keys.supervisor, variables });
  expect(codes(again)).toEqual(['CONFLICT']);
  expect(again.errors![0]!.message).toMatch(new RegExp(`^Warning ${inRemit.id} is already dismissed: `));
  const blank = await hub.gql(dismiss.query, { key: keys.supervisor, variables: { id: String(outside.id), reason: ' ' } });
  expect(blank.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
});

it("shows a credit key the entity's confirmed warnings, wherever the project lies, and no others", async () => {
  const r = await hub.gql(examples[3]!.query, { key: keys.credit, variables: { uscc: firm.uscc } });
  expect(r.errors).toBeUndefined();
  expect(r.data!.entity.confirmedWarnings).toEqual([
    {
      indicator: 'blacklisted_winner',
      severity: 'high',
      summary: '中标人中标时在失信名单上',
      decidedAt: confirmed.decidedAt!.toISOString(),
      projectId: String(confirmed.projectId),
    },
  ]);
});
