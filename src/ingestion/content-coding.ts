import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { UploadError } from './upload-errors';

/** How a part's bytes are compressed on the wire. */
export type ContentCoding = 'identity' | 'gzip' | 'deflate' | 'br';

/** The media types a part may be sent as; a charset parameter, if any, must be UTF-8. */
export const PART_MEDIA_TYPES = ['application/x-ndjson', 'application/gzip', 'application/octet-stream', 'text/plain'] as const;
const CODINGS: Record<string, ContentCoding> = { '': 'identity', identity: 'identity', gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate', br: 'br' };

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : (value ?? ''));

/**
 * Reads a part's content-type and content-encoding before a byte of it is read. Anything
 * else (notably application/json, which would make the server parse the part) is refused
 * with 415 naming what is accepted.
 */
export function partCoding(headers: Record<string, string | string[] | undefined>): ContentCoding {
  const [mediaType = '', ...params] = header(headers['content-type'])
    .split(';')
    .map((s) => s.trim().toLowerCase());
  if (!(PART_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    throw new UploadError(
      'UNSUPPORTED_MEDIA_TYPE',
      `content-type ${mediaType ? `'${mediaType}'` : 'missing'}: send a part as one of ${PART_MEDIA_TYPES.join(', ')} (NDJSON, UTF-8)`,
    );
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && !['utf-8', 'utf8'].includes(charset)) {
    throw new UploadError('UNSUPPORTED_MEDIA_TYPE', `charset '${charset}': parts are UTF-8; send charset=utf-8 or none`);
  }
  const encoding = header(headers['content-encoding']).trim().toLowerCase();
  const coding = Object.hasOwn(CODINGS, encoding) ? CODINGS[encoding]! : undefined;
  if (coding === undefined) {
    throw new UploadError('UNSUPPORTED_MEDIA_TYPE', `content-encoding '${encoding}': send one of gzip, deflate, br or identity (or none), applied once`);
  }
  return coding === 'identity' && mediaType === 'application/gzip' ? 'gzip' : coding;
}

/** The stream that undoes a coding, or null for identity. deflate is the zlib format (RFC 1950), as HTTP defines it. */
export function decoderFor(coding: ContentCoding): Transform | null {
  if (coding === 'gzip') return createGunzip();
  if (coding === 'deflate') return createInflate();
  if (coding === 'br') return createBrotliDecompress();
  return null;
}

/** The refusal for a part whose bytes are not what its coding says. */
export function badCoding(coding: ContentCoding, error: Error): UploadError {
  return coding === 'gzip'
    ? new UploadError('BAD_GZIP', `the part is not valid gzip: ${error.message}`)
    : new UploadError('BAD_ENCODING', `the part is not valid ${coding} data: ${error.message}`);
}
