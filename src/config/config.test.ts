import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has defaults that run the hub on its embedded Postgres', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(4000);
    expect(config.pageSize).toEqual({ default: 20, max: 100 });
    // Unset NODE_ENV is the safe side: only an explicit development opens the schema.
    expect(config.production).toBe(true);
    expect(config.development).toBe(false);
  });

  it('reports every bad key in one error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', PAGE_SIZE_MAX: '0' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const key of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'PAGE_SIZE_MAX']) expect(problems).toContain(key);
    }
  });

  it('logs readably on a terminal and JSON lines elsewhere, unless LOG_FORMAT says which', () => {
    expect(loadConfig({}, true).logFormat).toBe('pretty');
    expect(loadConfig({}, false).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrow(/LOG_FORMAT/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('refuses a default page size above the maximum', () => {
    expect(() => loadConfig({ PAGE_SIZE_DEFAULT: '200', PAGE_SIZE_MAX: '100' })).toThrow(/PAGE_SIZE_DEFAULT/);
  });

  it('keeps staged lines 90 days by default, and forever with 0 or off', () => {
    expect(loadConfig({}).retention).toEqual({ stagedLinesDays: 90, pruneSchedule: '0 22 * * *' });
    expect(loadConfig({ STAGED_LINES_RETENTION_DAYS: 'off' }).retention.stagedLinesDays).toBe(0);
    expect(loadConfig({ STAGED_LINES_RETENTION_DAYS: '0' }).retention.stagedLinesDays).toBe(0);
    expect(() => loadConfig({ STAGED_LINES_RETENTION_DAYS: '-1', STAGED_LINES_PRUNE_SCHEDULE: 'nightly' })).toThrow(
      /STAGED_LINES_RETENTION_DAYS[\s\S]*STAGED_LINES_PRUNE_SCHEDULE/,
    );
  });
});
