import type { Accumulator } from './accumulator';
import type { JsonObject } from './json';

/** A release as the indicators see it: the parsed object, its ocid, and the line's text. */
export interface ReleaseLine {
  release: JsonObject;
  ocid: string;
  /** The JSON text, for the one question a parsed number cannot answer (R018). */
  text: string;
}

/** One step of cardinal-rs's fold over the releases, then its finalize over the tallies. */
export interface Calculation {
  fold?(acc: Accumulator, line: ReleaseLine): void;
  finalize?(acc: Accumulator): void;
}

export type Warn = (message: string) => void;
