import type { RecordError } from '../../db/schema';
import { headKey, type Head, type Incoming } from './types';

export type Verdict = 'new' | 'changed' | 'unchanged' | 'stale' | 'reused';

export interface Classified {
  /** New and changed versions, in arrival order: they go on to be stored. */
  accepted: Incoming[];
  /** Each record with its verdict, in arrival order. */
  verdicts: Array<{ incoming: Incoming; verdict: Verdict }>;
  /** The heads as they stand once the accepted versions are stored. */
  heads: Map<string, Head>;
}

/**
 * Judges each version against its record's head: a record never seen is new; a newer
 * version is a change; the same version with the same content is unchanged; an older one is
 * stale; the same version with other content reuses a version and is refused. Versions of
 * one record within the group are judged in arrival order, each against the one before.
 */
export function classify(group: Incoming[], known: ReadonlyMap<string, Head>): Classified {
  const heads = new Map(known);
  const accepted: Incoming[] = [];
  const verdicts: Classified['verdicts'] = [];
  for (const i of group) {
    const key = headKey(i.type, i.id);
    const head = heads.get(key);
    let verdict: Verdict;
    if (!head) verdict = 'new';
    else if (i.version < head.version) verdict = 'stale';
    else if (i.version.getTime() === head.version.getTime()) verdict = head.hash === i.contentHash ? 'unchanged' : 'reused';
    else verdict = 'changed';
    if (verdict === 'new' || verdict === 'changed') {
      heads.set(key, { version: i.version, hash: i.contentHash, targetId: head?.targetId ?? null });
      accepted.push(i);
    }
    verdicts.push({ incoming: i, verdict });
  }
  return { accepted, verdicts, heads };
}

export const versionReused = (i: Incoming): RecordError => ({
  path: 'version',
  code: 'VERSION_REUSED',
  message: `version ${i.version.toISOString()} was already received with different content; change the version when the record changes`,
});
