import { PassThrough, type Readable } from 'node:stream';
import { UploadError } from './upload-errors';

export interface BodyLimits {
  /** Seconds without a byte from the sender (while the hub is ready to read) before the upload is cut off. */
  bodyIdleSeconds: number;
  /** Seconds the whole body may take. */
  bodyMaxSeconds: number;
}

const noop = () => undefined;

/**
 * A request body as a stream the upload pipeline may destroy at will: a sender that goes
 * quiet, takes too long or disconnects fails it with an UploadError, and a failure further
 * down only unpipes the request (which stays paused) instead of destroying its socket, so
 * the hub can still answer before closing the connection.
 */
export function guardBody(body: Readable, limits: BodyLimits): Readable {
  const out = new PassThrough();
  // Both streams may fail after the pipeline stopped listening: neither error may go unheard.
  out.on('error', noop);
  body.on('error', noop);
  const fail = (error: UploadError) => {
    if (!out.destroyed) out.destroy(error);
  };
  let idle: NodeJS.Timeout | undefined;
  const onIdle = () => {
    // Paused by back-pressure: the hub is the slow one, not the sender.
    if (body.readableFlowing === false) return armIdle();
    fail(new UploadError('UPLOAD_TIMEOUT', `no bytes for ${limits.bodyIdleSeconds} s; the part was cut off`));
  };
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(onIdle, limits.bodyIdleSeconds * 1000);
  };
  const total = setTimeout(
    () => fail(new UploadError('UPLOAD_TIMEOUT', `the part took over ${limits.bodyMaxSeconds} s; split it into smaller parts`)),
    limits.bodyMaxSeconds * 1000,
  );
  const onClose = () => {
    if (!body.readableEnded) fail(new UploadError('UPLOAD_ABORTED', 'the upload was cut off before it ended'));
  };
  body.pipe(out);
  body.on('data', armIdle);
  body.on('close', onClose);
  out.on('close', () => {
    clearTimeout(idle);
    clearTimeout(total);
    body.off('data', armIdle);
    body.off('close', onClose);
  });
  armIdle();
  if (body.destroyed) onClose();
  return out;
}
