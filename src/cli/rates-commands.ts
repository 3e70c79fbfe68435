import type { Command } from 'commander';
import { AnalyticsSync } from '../analytics/sync/analytics-sync';
import { loadRatesFile } from '../registry/exchange-rates.service';
import { log, withAnalytics, withHub } from './context';

/** `hub rates load` (docs/statistics.md, "Currencies"). */
export function registerRatesCommands(program: Command): void {
  const rates = program.command('rates').description('Exchange rates: reference data that converts other currencies into yuan for the statistics.');

  rates
    .command('load')
    .description('Load monthly rates from CSV files (currency,month,yuan_per_unit[,source]); amounts already synced are converted again.')
    .argument('<files...>')
    .action(async (files: string[]) => {
      const loaded = await withHub(async (hub) => {
        const out = [];
        for (const file of files) out.push(await loadRatesFile(hub.database.db, file));
        return out;
      });
      for (const r of loaded) {
        process.stdout.write(`${r.file}: ${r.loaded} rates loaded, ${r.problems.length} rows refused\n`);
        for (const p of r.problems) process.stdout.write(`  line ${p.line} ${p.field}: ${p.message}\n`);
      }
      try {
        const result = await withAnalytics((hub, store) => new AnalyticsSync(hub.database, store, log).resyncForeignAmounts());
        process.stdout.write(`analytics: amounts in other currencies copied again (${JSON.stringify(result.rows)})\n`);
      } catch (error) {
        process.stderr.write(
          `The rates are loaded, but the analytics store could not be opened (${(error as Error).message}); run this command again when it can, or: npm run hub -- analytics rebuild\n`,
        );
        process.exitCode = 1;
      }
      if (loaded.some((r) => r.problems.length > 0)) process.exitCode = 1;
    });
}
