import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orgCodeCheckCharacter } from '../src/entities/org-code';
import { pushBatch } from '../src/ingestion/push-client';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { createTestHub, type TestHub } from './helpers/test-hub';

// docs/push-protocol.md, "Parties" and "Amounts and currencies": the foreign party's award
// is stored as a push, and the read-back query shows the winner as the doc says.

let hub: TestHub;
let baseUrl: string;
let platform: string;
let credit: string;

beforeAll(async () => {
  hub = await createTestHub();
  baseUrl = await hub.listen();
  const f = new Factory(hub.database.db, hub.services);
  platform = await f.key('platform', { platform: 'P152900' });
  credit = await f.key('credit');
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

it("stores the doc's award to a Hong Kong company in HKD, and its read-back query shows how the hub knows the winner", async () => {
  const doc = await readFile(new URL('../docs/push-protocol.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('### Parties'), doc.indexOf('### project ('));
  const [award] = [...section.matchAll(/```json\n(.+?)\n```/gs)].map((m) => JSON.parse(m[1]!) as Record<string, any>);
  const [query] = [...section.matchAll(/```graphql\n(.+?)```/gs)].map((m) => m[1]!);
  expect(award).toMatchObject({ type: 'award', currency: 'HKD', winner: { identifier: { scheme: 'HK-CR', id: expect.any(Number) } } });

  // The doc's project, register number and organisation code stand for this test's own.
  const r = new Records();
  const project = r.project();
  const hkNumber = randomInt(1_000_000, 9_999_999);
  const body = String(randomInt(10_000_000, 99_999_999));
  const orgCode = `${body}-${orgCodeCheckCharacter(body)}`;
  const own = {
    ...award!,
    id: r.id('awd'),
    project: project.id,
    winner: { ...award!.winner, identifier: { scheme: 'HK-CR', id: hkNumber }, additionalIdentifiers: [{ scheme: 'CN-OC', id: orgCode }] },
  };
  const receipt = await pushBatch(ndjson([project, own]), { baseUrl, key: platform, idempotencyKey: `${r.tag}-doc` });
  expect(receipt.counts).toMatchObject({ stored: 2, rejected: 0 });

  const answer = await hub.gql(query!.replace('ALS-GC-2025-0002', project.projectCode), { key: platform });
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.projects.nodes[0].awards).toEqual([
    {
      amount: award!.amount,
      currency: 'HKD',
      winner: { name: award!.winner.name, uscc: null, identifiedBy: 'scheme', identifier: { scheme: 'HK-CR', id: String(hkNumber) } },
    },
  ]);
  // The organisation code listed beside the register number finds the same entity.
  const status = await hub.gql(`query($codes: [String!]!) { creditStatus(codes: $codes) { known name } }`, {
    key: credit,
    variables: { codes: [`HK-CR-${hkNumber}`, orgCode] },
  });
  expect(status.data!.creditStatus).toEqual([
    { known: true, name: award!.winner.name },
    { known: true, name: award!.winner.name },
  ]);
});
