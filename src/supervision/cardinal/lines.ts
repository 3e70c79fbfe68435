import type { Readable } from 'node:stream';

// Lines as Rust's `BufRead::lines` gives them to cardinal-rs: split on "\n", the "\r" of a
// "\r\n" dropped, and a line that is not UTF-8 an error of its own (not silently repaired), read in
// chunks so that a file of any size streams through.

export type Line = { number: number; text: string } | { number: number; error: string };

export async function* readLines(input: Readable): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pending: Buffer[] = [];
  let number = 0;
  const line = (bytes: Buffer, ended: boolean): Line => {
    number += 1;
    const end = ended && bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    try {
      return { number, text: decoder.decode(bytes.subarray(0, end)) };
    } catch {
      return { number, error: 'stream did not contain valid UTF-8' };
    }
  };
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (let newline = buffer.indexOf(0x0a); newline >= 0; newline = buffer.indexOf(0x0a, start)) {
      const piece = buffer.subarray(start, newline);
      yield line(pending.length > 0 ? Buffer.concat([...pending, piece]) : piece, true);
      pending = [];
      start = newline + 1;
    }
    if (start < buffer.length) pending.push(buffer.subarray(start));
  }
  if (pending.length > 0) yield line(Buffer.concat(pending), false);
}
