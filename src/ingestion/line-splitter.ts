import { Transform, type TransformCallback } from 'node:stream';

export interface Line {
  /** The line without its line ending, or null when it exceeded the limit. */
  text: string | null;
  bytes: number;
}

/**
 * Splits a byte stream into lines without ever holding more than one line of at most
 * `maxBytes`. A longer line is not kept, only reported (text null), and the rest of the
 * stream goes on. Blank lines are skipped; a trailing CR (CRLF files) is dropped.
 */
export class LineSplitter extends Transform {
  private parts: Buffer[] = [];
  private size = 0;
  private overflow = false;

  constructor(private readonly maxBytes: number) {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      this.append(chunk.subarray(start, end));
      if (nl === -1) break;
      this.emitLine();
      start = nl + 1;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.emitLine();
    done();
  }

  private append(piece: Buffer) {
    if (piece.length === 0) return;
    this.size += piece.length;
    if (this.overflow) return;
    if (this.size > this.maxBytes) {
      this.overflow = true;
      this.parts = [];
    } else this.parts.push(piece);
  }

  private emitLine() {
    if (this.overflow) this.push({ text: null, bytes: this.size } satisfies Line);
    else if (this.size > 0) {
      let text = Buffer.concat(this.parts).toString('utf8');
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.trim().length > 0) this.push({ text, bytes: this.size } satisfies Line);
    }
    this.parts = [];
    this.size = 0;
    this.overflow = false;
  }
}
