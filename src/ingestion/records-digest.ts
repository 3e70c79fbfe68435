import { createHash } from 'node:crypto';

/** The records digest of no records: the SHA-256 of nothing, what an empty night is sealed with. */
export const EMPTY_SHA256 = createHash('sha256').digest('hex');

/**
 * The digest of a batch's records, whatever parts they came in: the SHA-256 of each
 * non-empty line, as the hub reads it (line ending and a trailing CR dropped), followed by
 * `\n`, in order. For a batch sent as one part with `\n` line endings and no blank lines it
 * is that part's SHA-256. Two sends hold the same records exactly when their digests agree,
 * so an idempotency key is bound to its records, not to how they were cut into parts.
 */
export class RecordsDigest {
  private readonly hash = createHash('sha256');
  private complete = true;
  lines = 0;
  first: string | null = null;

  /** A line the hub did not keep (over the size limit) leaves the digest unknown. */
  add(text: string | null): void {
    if (this.lines++ === 0) this.first = text;
    if (text === null) this.complete = false;
    else this.hash.update(`${text}\n`, 'utf8');
  }

  /** Null when a line was too long to keep: then only identical parts can be recognised. */
  digest(): string | null {
    const hex = this.hash.digest('hex');
    return this.complete ? hex : null;
  }
}
