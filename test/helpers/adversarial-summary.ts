import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The adversarial suite's figures: each fuzzer and the leak scanner write a JSON file of
 * counts into this folder, and the test run ends with one line adding them up, so a CI log
 * says at a glance how much hostile input was tried and whether anything got through.
 */
export const ADVERSARIAL_DIR = path.resolve('test-output', 'adversarial');

interface Counts {
  cases?: number;
  responses?: number;
  fiveHundreds?: number;
  internalErrors?: number;
  crashes?: number;
  goodRecordsLost?: number;
  leaks?: number;
  seed?: number | string;
}

/** Empties the folder at the start of a run, so figures of an earlier run never count. */
export function resetAdversarialFigures(): void {
  rmSync(ADVERSARIAL_DIR, { recursive: true, force: true });
  mkdirSync(ADVERSARIAL_DIR, { recursive: true });
}

/** The one summary line, or null when no adversarial test ran (a filtered run). */
export function adversarialSummary(): string | null {
  if (!existsSync(ADVERSARIAL_DIR)) return null;
  const files = readdirSync(ADVERSARIAL_DIR).filter((f) => f.endsWith('.json'));
  if (files.length === 0) return null;
  const total = { cases: 0, responses: 0, fiveHundreds: 0, internalErrors: 0, crashes: 0, goodRecordsLost: 0, leaks: 0 };
  const seeds: string[] = [];
  for (const file of files) {
    let counts: Counts;
    try {
      counts = JSON.parse(readFileSync(path.join(ADVERSARIAL_DIR, file), 'utf8')) as Counts;
    } catch {
      continue; // a worker killed mid-write: its figures are lost, and the tests it ran failed anyway
    }
    for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += Number(counts[key] ?? 0);
    if (counts.seed !== undefined) seeds.push(`${path.basename(file, '.json')} seed ${counts.seed}`);
  }
  return (
    `adversarial suite: ${total.cases} cases tried, ${total.fiveHundreds} 5xx, ${total.internalErrors} internal errors, ` +
    `${total.crashes} crashes, ${total.goodRecordsLost} good records lost, ${total.leaks} leaks ` +
    `(${total.responses} responses scanned${seeds.length ? `; ${seeds.join(', ')}` : ''})`
  );
}
