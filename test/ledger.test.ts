import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as t from '../src/db/schema';
import { pushBatch } from '../src/ingestion/push-client';
import { Factory } from './helpers/factories';
import { runTs } from './helpers/processes';
import { ndjson, Records } from './helpers/records';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let admin: string;
let platform: string;
let baseUrl: string;

beforeAll(async () => {
  hub = await createTestHub();
  baseUrl = await hub.listen();
  const f = new Factory(hub.database.db, hub.services);
  admin = await f.key('admin');
  platform = await f.key('platform', { platform: 'P152900' });
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const VERIFY = '{ ledgerVerification { ok entriesChecked firstBadBatchId problems { batchId problem } } }';

describe('the ingestion ledger (存证)', () => {
  it("detects a stored row edited behind the hub's back and names its batch", async () => {
    const r = new Records();
    const p = r.project();
    const award = r.award(p.id, r.firm());
    const first = await pushBatch(ndjson([p]), { baseUrl, key: platform, idempotencyKey: `l1-${r.tag}` });
    const second = await pushBatch(ndjson([award]), { baseUrl, key: platform, idempotencyKey: `l2-${r.tag}` });
    expect([first.status, second.status]).toEqual(['committed', 'committed']);

    const before = await hub.gql(VERIFY, { key: admin });
    expect(before.data!.ledgerVerification).toMatchObject({ ok: true, firstBadBatchId: null, problems: [] });
    expect(before.data!.ledgerVerification.entriesChecked).toBeGreaterThanOrEqual(2);

    const [row] = await hub.database.db.select().from(t.awards).where(eq(t.awards.sourceRecordId, award.id));
    await hub.database.db.execute(sql`update awards set amount = amount + 1 where id = ${row!.id}`);
    try {
      const after = await hub.gql(VERIFY, { key: admin });
      expect(after.data!.ledgerVerification.ok).toBe(false);
      expect(after.data!.ledgerVerification.firstBadBatchId).toBe(second.id);
      expect(after.data!.ledgerVerification.problems[0].problem).toContain(`award '${award.id}' was changed`);

      const cli = await runTs('src/cli/main.ts', ['ledger', 'verify'], { DATABASE_URL: inject('databaseUrl') });
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`first bad batch ${second.id}`);
    } finally {
      await hub.database.db.execute(sql`update awards set amount = ${row!.amount} where id = ${row!.id}`);
    }
    expect((await hub.gql(VERIFY, { key: admin })).data!.ledgerVerification.ok).toBe(true);
  });

  it('detects an edited record version', async () => {
    const r = new Records();
    const receipt = await pushBatch(ndjson([r.project()]), { baseUrl, key: platform, idempotencyKey: `l3-${r.tag}` });
    const [version] = await hub.database.db
      .select()
      .from(t.recordVersions)
      .where(eq(t.recordVersions.batchId, Number(receipt.id)));
    await hub.database.db.execute(sql`update record_versions set content_hash = ${'0'.repeat(64)} where batch_id = ${Number(receipt.id)}`);
    try {
      const after = await hub.gql(VERIFY, { key: admin });
      expect(after.data!.ledgerVerification.firstBadBatchId).toBe(receipt.id);
    } finally {
      await hub.database.db.execute(sql`update record_versions set content_hash = ${version!.contentHash} where batch_id = ${Number(receipt.id)}`);
    }
  });

  it('is for admin only', async () => {
    expect(codes(await hub.gql(VERIFY, { key: platform }))).toEqual(['FORBIDDEN']);
  });
});
