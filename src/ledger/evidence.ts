import { createHash, type Hash } from 'node:crypto';
import type { Incoming } from '../ingestion/steps/types';

/**
 * A batch's ledger digest: SHA-256 over its valid staged lines, in line order, each as
 * `type \t id \t version (µs since the epoch) \t content hash`. The pipeline takes it as it
 * parses the batch, and verification takes it again from the staged lines with the same
 * pure parse step, so neither writes anything per record. Lines that do not parse are
 * outside it: the part digests cover the bytes as sent.
 */
export class EvidenceDigest {
  private readonly hash: Hash = createHash('sha256');
  records = 0;

  add(incoming: Iterable<Incoming>): void {
    for (const i of incoming) {
      this.hash.update(`${i.type}\t${i.id}\t${i.version.getTime() * 1000}\t${i.contentHash}\n`);
      this.records++;
    }
  }

  /** The digest in hex; the object is spent after this. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
