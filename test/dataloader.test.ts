import { afterAll, beforeAll, expect, it } from 'vitest';
import { Factory } from './helpers/factories';
import { createTestHub, type TestHub } from './helpers/test-hub';

const QUERY = `query($tag: String!, $first: Int!) {
  projects(filter: { text: $tag }, first: $first) {
    nodes {
      id title initiator { name } agency { name } notices { title }
      bids { price bidder { name uscc } }
      awards { amount winner { name } }
      contracts { amount }
      complaints { subject }
    }
  }
}`;

let hub: TestHub;
let f: Factory;
let admin: string;

beforeAll(async () => {
  hub = await createTestHub();
  f = new Factory(hub.database.db, hub.services);
  admin = await f.key('admin');
  const firms = await Promise.all(Array.from({ length: 6 }, () => f.entity()));
  for (let i = 0; i < 40; i++) {
    const project = await f.project({ initiatorId: firms[i % 6]!.id, agencyId: firms[(i + 1) % 6]!.id });
    await f.notice(project);
    for (let b = 0; b < 3; b++) await f.bid(project, firms[(i + b) % 6]!);
    await f.award(project, firms[i % 6]!);
  }
});
afterAll(() => hub.close());

async function statementsFor(first: number): Promise<{ statements: number; projects: number; bids: number }> {
  const before = hub.statements();
  const r = await hub.gql(QUERY, { key: admin, variables: { tag: f.tag, first } });
  expect(r.errors).toBeUndefined();
  const nodes = r.data!.projects.nodes as Array<{ bids: unknown[] }>;
  return { statements: hub.statements() - before, projects: nodes.length, bids: nodes.reduce((n, p) => n + p.bids.length, 0) };
}

it('loads a page of projects with their children in a fixed number of SQL statements, whatever the page size', async () => {
  await statementsFor(1); // warm-up: the first request of a key also records its use
  const small = await statementsFor(5);
  const large = await statementsFor(40);
  expect(small.projects).toBe(5);
  expect(large.projects).toBe(40);
  expect(large.bids).toBe(120);
  expect(large.statements).toBe(small.statements);
  // key lookup, page, then one statement per kind of child and one per level of entities
  expect(large.statements).toBeLessThanOrEqual(10);
});
