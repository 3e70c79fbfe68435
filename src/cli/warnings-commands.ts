import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { countLines, loadSettings, NO_SETTINGS, renderResults, runIndicators } from '../supervision/cardinal';

/**
 * `hub warnings …`: red flags computed from files, without the hub's databases.
 * `cardinal` is docs/cardinal.md: the Open Contracting Partnership's cardinal-rs indicators.
 */
export function registerWarningsCommands(program: Command): void {
  const warnings = program.command('warnings').description('Red-flag indicators (预警指标) computed from files, without the hub or its databases.');

  warnings
    .command('cardinal')
    .description("cardinal-rs's eleven red flags over OCDS compiled releases (one JSON object a line); prints the JSON cardinal-rs's `indicators` command prints.")
    .argument('<file>', 'line-delimited JSON file of compiled releases, or - for standard input')
    .option('-s, --settings <file>', 'cardinal-rs settings file (INI); an indicator runs only if its section is there, as in cardinal-rs')
    .option('--no-meta', 'leave out the "Meta" key (quartiles and fences)')
    .option('--map', 'add the "Maps" key: the organisations of each flagged process')
    .option('-c, --count', 'print the number of results per group to stderr')
    .option('--strict', 'stop with an error at a line that is not JSON (cardinal-rs warns and skips it)')
    .action(async (file: string, opts: { settings?: string; meta: boolean; map?: boolean; count?: boolean; strict?: boolean }) => {
      const settings = opts.settings === undefined ? NO_SETTINGS : await loadSettings(opts.settings);
      const input = await openInput(file);
      const warn = (message: string) => void process.stderr.write(`WARN  ${message}\n`);
      const result = await runIndicators(input, settings, { map: opts.map, strict: opts.strict, warn });
      process.stdout.write(`${renderResults(result, { meta: opts.meta, map: opts.map ?? false })}\n`);
      if (opts.count) for (const line of countLines(result)) process.stderr.write(`${line}\n`);
    });
}

async function openInput(file: string): Promise<Readable> {
  if (file === '-') return process.stdin;
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (info.isDirectory()) throw new Error(`${file}: is a directory, not a file`);
  return createReadStream(file, { highWaterMark: 1 << 20 });
}
