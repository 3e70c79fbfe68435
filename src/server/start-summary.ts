import { isIP } from 'node:net';

/** The command that issues a key, whether or not the hub runs (README, "Lost the key?"). */
export const ISSUE_KEY_COMMAND = 'npm run -s hub -- keys create --role admin --name "your name"';

/** Where a browser on this machine reaches a server listening on `host` (any-address binds answer on localhost). */
export function localBaseUrl(host: string, port: number): string {
  const name = ['0.0.0.0', '::', ''].includes(host) ? 'localhost' : isIP(host) === 6 ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

export interface StartSummary {
  baseUrl: string;
  /** The admin key issued at this start (with the demo), shown once. */
  adminKey: string | null;
  /** Null when the analytics sync was idle at the end of start-up, else the batches it had yet to copy. */
  analyticsBehind: number | null;
}

/**
 * The block `npm start` prints last, after every line of its start-up log: where GraphQL
 * and the dashboards are, and the key to use them with (or how to get one).
 */
export function startSummary({ baseUrl, adminKey, analyticsBehind }: StartSummary): string {
  const graphql = `${baseUrl}/graphql`;
  const lines = ['', '  The hub is ready.', '', `    GraphQL      ${graphql}`, `    Dashboards   ${baseUrl}/dashboards/`, ''];
  if (adminKey) {
    lines.push(
      '  Demo data loaded. Admin API key (shown once, keep it):',
      '',
      `    ${adminKey}`,
      '',
      `  Try: curl -s ${graphql} -H 'content-type: application/json' -H 'authorization: Bearer ${adminKey}' \\`,
      `         -d '{"query":"{ projects(first: 3) { nodes { projectCode title budget region { name } } } }"}'`,
      '',
    );
  } else {
    lines.push('  Issue an API key (also for the dashboards) with:', '', `    ${ISSUE_KEY_COMMAND}`, '');
  }
  if (analyticsBehind !== null) {
    const batches = analyticsBehind > 0 ? ` (${analyticsBehind} batch${analyticsBehind === 1 ? '' : 'es'} to copy)` : '';
    lines.push(`  The analytics sync is still catching up${batches}; statistics, dashboards and`, '  warnings fill in as it goes, and the log says when each round is done.', '');
  }
  return `${lines.join('\n')}\n`;
}
