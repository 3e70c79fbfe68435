import type { AnalyticsStore } from '../analytics/store';
import { loadConfigOrExit } from '../config/config';
import { Registry } from '../registry/registry.service';
import { createLogger } from '../server/logger';
import { openHubAnalytics, openHubDatabase, type HubDatabase } from '../server/runtime';

/** What every command of the operators' command line shares: the config, a log on stderr, and the hub's databases for the length of a command. */
export const config = loadConfigOrExit();
export const log = createLogger(config.cliLogLevel, 'stderr');

export async function withHub<T>(work: (hub: HubDatabase, registry: Registry) => Promise<T>): Promise<T> {
  const hub = await openHubDatabase(config, log);
  try {
    return await work(hub, await Registry.load(hub.database.db));
  } finally {
    await hub.close();
  }
}

/** Postgres and the analytics store together, for the analytics commands. */
export async function withAnalytics<T>(work: (hub: HubDatabase, store: AnalyticsStore) => Promise<T>): Promise<T> {
  return withHub(async (hub) => {
    const store = await openHubAnalytics(config, log);
    try {
      return await work(hub, store);
    } finally {
      await store.close();
    }
  });
}
