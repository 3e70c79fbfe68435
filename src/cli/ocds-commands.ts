import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { loadOcdsFile } from '../../etl/ocds-file';
import { allRejections } from '../../etl/runner';
import { maskIdNumbersIn } from '../entities/id-number';
import { ingestStream } from '../ingestion/ingest-stream';
import { createServices } from '../server/services';
import { config, log, withHub } from './context';

/** `hub ocds import` and `hub ocds export` (docs/ocds.md). */
export function registerOcdsCommands(program: Command): void {
  const ocds = program.command('ocds').description('Open Contracting Data Standard files in and out (docs/ocds.md).');

  ocds
    .command('import')
    .description(
      "Load OCDS files (release or record packages, single releases or records, JSON Lines; 1.0 or 1.1) as a platform's batches, as the landing-folder job does; a report is written beside each file. Exit 1 if a file failed.",
    )
    .requiredOption('--platform <code>', 'the platform the data is from, e.g. P152900')
    .option('--region <code>', "the projects' region when the parties' addresses do not say it")
    .argument('<files...>')
    .action(async (files: string[], opts: { platform: string; region?: string }) => {
      const reports = await withHub(async (hub, registry) => {
        const ingestCtx = { database: hub.database, registry, log, limits: config.push };
        const out = [];
        for (const file of files) {
          const report = await loadOcdsFile(
            {
              ingest: (o) => ingestStream(ingestCtx, { source: { platformCode: opts.platform }, ...o }),
              rejections: (batchId) => allRejections(hub.database.db, batchId),
            },
            file,
            { region: opts.region, label: 'ocds import' },
          );
          await writeFile(`${file}.report.json`, `${JSON.stringify(report, null, 2)}\n`);
          out.push(report);
        }
        return out;
      });
      for (const [n, r] of reports.entries()) {
        const c = r.counts;
        process.stdout.write(
          `${files[n]}: ${r.outcome === 'loaded' ? 'loaded' : `FAILED (${r.reason})`}; ${c.records} records of ${c.processes} processes: stored ${c.stored}, unchanged ${c.unchanged}, held ${c.held}, rejected ${c.rejected}, not mapped ${c.notMapped}; report ${files[n]}.report.json\n`,
        );
      }
      if (reports.some((r) => r.outcome === 'failed')) process.exitCode = 1;
    });

  ocds
    .command('export')
    .description('Write the projects registered in a period as an OCDS 1.1 record package (docs/ocds.md): sealed bids and ID numbers never included.')
    .option('--from <date>', 'first registration day, YYYY-MM-DD')
    .option('--to <date>', 'last registration day, YYYY-MM-DD')
    .option('--region <code>', "a region's subtree")
    .option('--category <code>', 'a trading category code')
    .option('--out <file>', 'write here instead of stdout')
    .action(async (opts: { from?: string; to?: string; region?: string; category?: string; out?: string }) => {
      // The operator's own export: all projects, as the admin role sees them (bids sealed all the same).
      const operator = { keyId: 0, name: 'cli', role: 'admin' as const, platformId: null, department: null, categoryCodes: null, regionCodes: null };
      await withHub(async (hub, registry) => {
        const services = createServices(hub.database, registry, config, log, null);
        const chunks = services.ocdsExport.recordPackage(
          operator,
          {
            registeredFrom: opts.from ?? null,
            registeredTo: opts.to ?? null,
            regionCode: opts.region ?? null,
            categoryCodes: opts.category ? [opts.category] : null,
          },
          opts.out ? pathToFileURL(path.resolve(opts.out)).href : 'urn:prt-hub:ocds-export',
        );
        const out = opts.out ? createWriteStream(opts.out) : process.stdout;
        await pipeline(
          Readable.from(
            (async function* () {
              for await (const c of chunks) yield maskIdNumbersIn(c);
            })(),
          ),
          out,
          { end: !!opts.out },
        );
      });
      if (opts.out) process.stderr.write(`OCDS record package written to ${opts.out}\n`);
    });
}
