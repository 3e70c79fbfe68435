/** The api_keys.role values; the drizzle column takes this tuple. */
export const ROLES = ['admin', 'platform', 'credit', 'policy', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, resolved from the API key on every request. */
export interface Caller {
  keyId: number;
  name: string;
  role: Role;
  /** platform role: the one platform this key speaks for. */
  platformId: number | null;
  /** supervisor role: the department and the categories and regions of its remit. */
  department: string | null;
  categoryCodes: string[] | null;
  regionCodes: string[] | null;
  /** Credit lookups: this key's own token bucket, when set at issue (else the configured default). */
  creditRate?: { perSecond: number; burst: number } | null;
}
