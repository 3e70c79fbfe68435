import { UploadError } from './upload-errors';

/**
 * How many part uploads may stream at once: as many as the upload pool has connections,
 * so an upload never waits for one, and past the share it is told to come back later
 * rather than queued behind senders that may be slow.
 */
export class UploadSlots {
  private used = 0;

  constructor(readonly max: number) {}

  get inFlight(): number {
    return this.used;
  }

  /** Takes a slot and returns its release (safe to call twice), or refuses with 503. */
  take(): () => void {
    if (this.used >= this.max) {
      throw new UploadError('TOO_MANY_UPLOADS', `${this.max} parts are already streaming in; send this part again in a moment`, 30);
    }
    this.used++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used--;
    };
  }
}
