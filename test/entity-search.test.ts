import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type EntityRow } from './helpers/factories';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;
let key: string;
let target: EntityRow;
let prefix: string;

const SEARCH = `query($name: String!, $first: Int) { searchEntities(name: $name, first: $first) { code kind name score } }`;
const search = (name: string, k = key) => hub.gql(SEARCH, { key: k, variables: { name, first: 5 } });
/** ASCII as platforms with Chinese input methods often send it: full-width. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

beforeAll(async () => {
  hub = await createTestHub();
  f = new Factory(hub.database.db, hub.services);
  key = await f.key('credit');
  // The tag keeps other test files' entities out of the way.
  prefix = f.tag;
  target = await f.entity({ name: `${prefix}锡林郭勒草原兴旺牧业有限责任公司` });
  await f.entity({ name: `${prefix}锡林郭勒草原兴盛食品有限公司` });
  await f.entity({ name: `${prefix}赤峰市宏图建筑工程有限公司` });
});
afterAll(async () => hub?.close());

describe('searchEntities', () => {
  it('finds an entity under the spellings other systems use, ranked first with a score', async () => {
    for (const variant of [
      `${prefix}锡林郭勒草原兴旺牧业有限公司`, // the other spelling of a limited company
      `${fullWidth(prefix)}锡林郭勒草原兴旺牧业有限责任公司`, // full-width letters and digits
      `${prefix} 锡林郭勒 草原兴旺牧业 有限责任公司`, // spacing
      `${prefix}锡林郭勒（草原）兴旺牧业有限责任公司。`, // punctuation
      `${prefix}锡林郭勒草原兴旺牧业`, // without the company suffix
    ]) {
      const r = await search(variant);
      expect(r.errors, variant).toBeUndefined();
      const [best, next] = r.data!.searchEntities;
      expect(best?.code, variant).toBe(target.uscc);
      expect(best.score, variant).toBeGreaterThan(next?.score ?? 0);
    }
    const exact = await search(`${prefix}锡林郭勒草原兴旺牧业有限公司`);
    expect(exact.data!.searchEntities[0].score).toBe(1);
  });

  it('scores an unrelated name low', async () => {
    // Same test tag and the same suffix, nothing else in common.
    const r = await search(`${prefix}呼伦贝尔森林旅游开发有限公司`);
    const hit = r.data!.searchEntities.find((e: { code: string }) => e.code === target.uscc);
    expect(hit?.score ?? 0).toBeLessThan(0.5);
  });

  it('refuses one-character names and keys without credit access', async () => {
    expect(codes(await search('锡'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await search('锡林郭勒', await f.key('policy')))).toEqual(['FORBIDDEN']);
  });
});
