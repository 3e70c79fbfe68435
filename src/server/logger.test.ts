import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LogFormat } from '../config/config';
import { idNumberCheckCharacter, idNumbersIn, maskIdNumber } from '../entities/id-number';
import { createLogger } from './logger';

const idNumber = `15292119800101123${idNumberCheckCharacter('15292119800101123')}`;
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** What a logger of this format writes for the same few lines: a person's ID number in a field, a message and an error, and a key. */
function written(format: LogFormat): string[] {
  const lines: string[] = [];
  const log = createLogger('info', new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }), format);
  log.info({ person: `张三 ${idNumber}`, asked: fullWidth(idNumber) }, `lookup of ${idNumber}`);
  log.error({ err: new Error(`duplicate key (id_number)=(${idNumber})`) }, 'batch failed');
  log.info({ key: 'prt_secret', req: { headers: { authorization: 'Bearer prt_secret' } } }, 'signed in');
  log.debug('below the level');
  return lines;
}

describe('the log', () => {
  it('writes JSON lines with every ID number masked and keys redacted', () => {
    const lines = written('json');
    expect(lines).toHaveLength(3);
    const [lookup, failed, signedIn] = lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(lookup).toMatchObject({ msg: `lookup of ${maskIdNumber(idNumber)}`, person: `张三 ${maskIdNumber(idNumber)}`, asked: maskIdNumber(idNumber) });
    expect(failed!.err.message).toContain(maskIdNumber(idNumber));
    expect(signedIn).toMatchObject({ key: '[redacted]', req: { headers: { authorization: '[redacted]' } } });
    expect(idNumbersIn(lines.join(''))).toEqual([]);
  });

  it('writes readable lines, not JSON, masked and redacted the same', () => {
    const lines = written('pretty');
    expect(lines).toHaveLength(3);
    const text = lines.join('');
    for (const line of text.trimEnd().split('\n')) expect(() => JSON.parse(line)).toThrow();
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: lookup of 1529\*{10}\S{4} /);
    expect(lines[1]).toMatch(/ERROR: batch failed/);
    expect(lines[1]).toContain(`(id_number)=(${maskIdNumber(idNumber)})`);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(fullWidth(idNumber));
    expect(idNumbersIn(text)).toEqual([]);
    expect(text).not.toContain('prt_secret');
    expect(text).not.toMatch(/\x1b\[/); // no colours when writing to a stream rather than the terminal
  });
});
