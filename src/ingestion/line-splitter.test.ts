import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineSplitter, type Line } from './line-splitter';

async function split(chunks: string[], max = 10): Promise<Line[]> {
  const out: Line[] = [];
  for await (const line of Readable.from(chunks.map((c) => Buffer.from(c))).pipe(new LineSplitter(max))) out.push(line as Line);
  return out;
}

describe('LineSplitter', () => {
  it('splits across chunk boundaries, drops blank lines and CRs', async () => {
    const lines = await split(['ab', 'c\r\n\n', 'de\nf']);
    expect(lines.map((l) => l.text)).toEqual(['abc', 'de', 'f']);
  });

  it('reports an over-long line without keeping it, and goes on', async () => {
    const lines = await split(['0123456789AB', 'CD\nok\n']);
    expect(lines).toEqual([
      { text: null, bytes: 14 },
      { text: 'ok', bytes: 2 },
    ]);
  });

  it('keeps multi-byte characters whole when a chunk splits them', async () => {
    const bytes = Buffer.from('阿拉善\n');
    const out: Line[] = [];
    for await (const l of Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]).pipe(new LineSplitter(100))) out.push(l as Line);
    expect(out.map((l) => l.text)).toEqual(['阿拉善']);
  });
});
