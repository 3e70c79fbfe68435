// The INI dialect cardinal-rs reads: its `config` crate parses settings files with the
// rust-ini crate (0.21, default options: quotes and backslash escapes on, no inline comments,
// `=` or `:` between key and value). This follows that parser step by step, so that a
// settings file means here what it means to cardinal-rs, and fails where it fails.

export interface IniSection {
  /** null for the keys above the first [section]. */
  name: string | null;
  properties: Array<[string, string]>;
}

export class IniSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

// Rust's char::is_whitespace (Unicode White_Space), which str::trim also uses.
const WHITESPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
const isWhitespace = (c: string): boolean => WHITESPACE.test(c);
const trimEnd = (s: string[]): string[] => {
  let end = s.length;
  while (end > 0 && isWhitespace(s[end - 1]!)) end -= 1;
  return s.slice(0, end);
};
const trim = (s: string): string => {
  const chars = trimEnd(Array.from(s));
  let start = 0;
  while (start < chars.length && isWhitespace(chars[start]!)) start += 1;
  return chars.slice(start).join('');
};
const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', r: '\r', n: '\n' };
type Stop = string | undefined;

class Parser {
  private readonly chars: string[];
  private next = 0;
  private ch: string | undefined;
  private line = 0;
  private column = 0;

  constructor(text: string) {
    this.chars = Array.from(text);
    if (this.chars[0] === '\uFEFF') this.next = 1;
    this.bump();
  }

  private bump(): void {
    this.ch = this.chars[this.next++];
    if (this.ch === '\n') [this.line, this.column] = [this.line + 1, 0];
    else if (this.ch !== undefined) this.column += 1;
  }

  private fail(reason: string): never {
    throw new IniSyntaxError(this.line + 1, this.column + 1, reason);
  }

  private current(stops: Stop[]): string {
    if (this.ch === undefined) this.fail(`expecting ${stops.map((s) => (s === undefined ? 'end of file' : JSON.stringify(s))).join(' or ')} but found the end of the file`);
    return this.ch;
  }

  parse(): IniSection[] {
    const sections: IniSection[] = [{ name: null, properties: [] }];
    let key = '';
    let section: string | null = null;
    const addSection = (): void => {
      section = trim(this.section());
      sections.push({ name: section, properties: [] });
    };
    while (this.ch !== undefined) {
      const c = this.ch;
      if (c === ';' || c === '#') {
        if (this.column > 1) this.fail("doesn't support inline comment");
        this.comment();
      } else if (c === '[') {
        addSection();
      } else if (c === '=' || c === ':') {
        if (key === '') this.fail('missing key');
        const value = this.value();
        sections.findLast((s) => s.name === section)!.properties.push([key, value]);
        key = '';
      } else if (c === ' ' || c === '\t') {
        while (this.ch === ' ' || this.ch === '\t') this.bump();
        if (this.ch === '[') addSection();
        else if (this.ch === '\n' || this.ch === '\r') {
          this.bump();
          continue;
        } else {
          try {
            key = trim(this.until(['=', ':']));
          } catch {
            // rust-ini takes a failed indented key for trailing whitespace at the end of the file.
          }
        }
      } else if (c === '\n' || c === '\r') {
        this.bump();
      } else {
        key = trim(this.until(['=', ':']));
      }
      this.skipBlankLines();
    }
    return sections;
  }

  private comment(): void {
    while (this.ch !== undefined) {
      const c = this.ch;
      this.bump();
      if (c === '\n') break;
    }
  }

  private until(stops: Stop[]): string {
    let result = '';
    while (!stops.includes(this.ch)) {
      const c = this.current(stops);
      if (c === '\\') {
        this.bump();
        const escaped = this.ch;
        if (escaped === undefined) {
          result += '\\';
          continue;
        }
        if (escaped === 'x') result += this.hexEscape(stops);
        else if (escaped !== '\n') result += ESCAPES[escaped] ?? escaped; // a backslash before a newline continues the line
      } else {
        result += c;
      }
      this.bump();
    }
    return result;
  }

  private hexEscape(stops: Stop[]): string {
    let code = '';
    for (let i = 0; i < 4; i += 1) {
      this.bump();
      const c = this.current(stops);
      if (c === '\\') {
        this.bump();
        if (this.ch !== '\n') this.fail(`expecting "\\\\n" but found ${JSON.stringify(this.ch ?? null)}`);
      }
      code += c;
    }
    const point = /^\+?[0-9a-fA-F]+$/.test(code) ? parseInt(code, 16) : NaN;
    if (Number.isNaN(point) || (point >= 0xd800 && point <= 0xdfff)) this.fail('unknown character in \\xHH form');
    return String.fromCodePoint(point);
  }

  private section(): string {
    this.bump();
    const name = this.until([']']);
    if (this.ch === ']') this.bump();
    return name;
  }

  private value(): string {
    this.bump();
    while (this.ch !== undefined && !((this.ch === '\n' || this.ch === '\r' || !isWhitespace(this.ch)) && this.ch !== '\t')) this.bump();
    let value = '';
    let first = true;
    for (;;) {
      const quote = this.ch;
      if (quote === undefined) break;
      if (quote === '"' || quote === "'") {
        this.bump();
        value += this.until([quote]);
        this.bump();
        first = false;
        continue;
      }
      const text = this.until(['\n', '\r', undefined]);
      value += first ? trim(text) : trimEnd(Array.from(text)).join('');
      break;
    }
    return value;
  }

  private skipBlankLines(): void {
    while (this.ch !== undefined) {
      const c = this.ch;
      if (c === ' ' || c === '\t') this.bump();
      else if (c === '\n' || c === '\r') {
        this.bump();
        if (this.ch === ' ' || this.ch === '\t') break; // the indentation of a key
      } else if (isWhitespace(c)) this.bump();
      else break;
    }
  }
}

/** Every section in file order, repeated sections repeated, each with its keys in file order. */
export function parseIni(text: string): IniSection[] {
  return new Parser(text).parse();
}
