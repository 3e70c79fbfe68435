import type { Db } from '../db/database';
import { BadInputError, UnauthenticatedError } from '../errors/domain-errors';
import type { Registry } from '../registry/registry.service';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key';
import { findActiveKeyByHash, insertApiKey, listApiKeys, revokeApiKey, touchApiKey, type ApiKeyRow } from './api-key.repository';
import { ROLES, type Caller, type Role } from './caller';

export interface CreateKeyRequest {
  name: string;
  role: string;
  platform?: string;
  department?: string;
  categories?: string[];
  regions?: string[];
  /** Credit lookups per second and burst for this key (credit and supervisor keys). */
  creditRate?: number;
  creditBurst?: number;
}

const TOUCH_INTERVAL_MS = 60_000;

export class ApiKeyService {
  /** When this process last recorded each key's use, so a busy key costs one write a minute. */
  private readonly touched = new Map<number, number>();

  constructor(
    private readonly db: Db,
    private readonly registry: Registry,
  ) {}

  /**
   * Issues a key and returns it with its stored row. The key itself is never stored and
   * cannot be shown again. A key's remit must fit its role, checked here so a mistyped
   * command fails instead of issuing a key that sees more than meant.
   */
  async create(request: CreateKeyRequest): Promise<{ key: string; row: ApiKeyRow }> {
    const name = request.name.trim();
    if (!name) throw new BadInputError('name', 'a key needs a name that says who holds it');
    if (!(ROLES as readonly string[]).includes(request.role)) {
      throw new BadInputError('role', `unknown role '${request.role}'; one of ${ROLES.join(', ')}`);
    }
    const role = request.role as Role;
    let platformId: number | null = null;
    if (role === 'platform') {
      if (!request.platform) throw new BadInputError('platform', 'a platform key needs --platform CODE');
      platformId = this.registry.requirePlatform('platform', request.platform).id;
    } else if (request.platform) {
      throw new BadInputError('platform', `only platform keys are bound to a platform, not ${role} keys`);
    }
    const categories = request.categories?.length ? request.categories.map((c) => this.registry.requireCategory('category', c)) : null;
    const regions = request.regions?.length ? request.regions.map((r) => this.registry.requireRegion('region', r)) : null;
    if (role === 'supervisor') {
      if (!request.department?.trim()) throw new BadInputError('department', 'a supervisor key needs --department NAME');
      if (!categories && !regions) {
        throw new BadInputError('category', 'a supervisor key needs a remit: --category and/or --region');
      }
    } else if (request.department || categories || regions) {
      throw new BadInputError('department', `a ${role} key takes no department, category or region remit`);
    }
    for (const [argument, value] of [
      ['rate', request.creditRate],
      ['burst', request.creditBurst],
    ] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 100_000)) throw new BadInputError(argument, 'a whole number from 1 to 100000');
    }
    const key = generateApiKey();
    const row = await insertApiKey(this.db, {
      name,
      keyHash: hashApiKey(key),
      keyPrefix: displayPrefix(key),
      role,
      platformId,
      department: role === 'supervisor' ? request.department!.trim() : null,
      categoryCodes: categories,
      regionCodes: regions,
      creditRatePerSecond: request.creditRate ?? null,
      creditBurst: request.creditBurst ?? null,
    });
    return { key, row };
  }

  /** Resolves a presented key to its caller; a missing key yields null (the services decide). */
  async authenticate(key: string | undefined): Promise<Caller | null> {
    if (key === undefined) return null;
    const row = await findActiveKeyByHash(this.db, hashApiKey(key));
    if (!row) throw new UnauthenticatedError('The API key is not valid or has been revoked.');
    const now = Date.now();
    if ((this.touched.get(row.id) ?? 0) < now - TOUCH_INTERVAL_MS) {
      this.touched.set(row.id, now);
      void touchApiKey(this.db, row.id).catch(() => undefined);
    }
    return toCaller(row);
  }

  list(): Promise<ApiKeyRow[]> {
    return listApiKeys(this.db);
  }

  async revoke(id: number): Promise<ApiKeyRow> {
    const row = await revokeApiKey(this.db, id);
    if (!row) throw new BadInputError('id', `no active key with id ${id}`);
    return row;
  }
}

export function toCaller(row: ApiKeyRow): Caller {
  return {
    keyId: row.id,
    name: row.name,
    role: row.role,
    platformId: row.platformId,
    department: row.department,
    categoryCodes: row.categoryCodes,
    regionCodes: row.regionCodes,
    creditRate: row.creditRatePerSecond ? { perSecond: row.creditRatePerSecond, burst: row.creditBurst ?? row.creditRatePerSecond } : null,
  };
}
