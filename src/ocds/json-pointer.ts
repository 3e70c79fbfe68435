// JSON Pointers (RFC 6901), the form OCDS paths take in problems and origins.

const escape = (segment: string | number) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

export const pointer = (...segments: Array<string | number>): string => segments.map((s) => `/${escape(s)}`).join('');

export const child = (base: string, ...segments: Array<string | number>): string => base + pointer(...segments);

export const segmentsOf = (p: string): string[] => (p === '' ? [] : p.slice(1).split('/').map(unescape));
