/** Why a part upload was refused, with the HTTP status the push endpoint answers. */
const STATUS = {
  BAD_GZIP: 400,
  BAD_ENCODING: 400,
  UPLOAD_ABORTED: 400,
  UPLOAD_TIMEOUT: 408,
  DECOMPRESSION_LIMIT: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_UPLOADS: 503,
} as const;

export type UploadErrorCode = keyof typeof STATUS;

export class UploadError extends Error {
  readonly status: number;
  constructor(
    readonly code: UploadErrorCode,
    message: string,
    /** For TOO_MANY_UPLOADS: when to try again, in seconds (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
