/**
 * Telling a fault of one record from a fault of the infrastructure. A record's fault (a
 * value Postgres will not take, a constraint it breaks) rejects that record; anything else
 * (the connection gone, a full disk, a serialization failure, a bug) fails the batch, which
 * then says which fault it was, never the SQL or its parameters (they may hold ID numbers).
 */
interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** drizzle wraps the driver's error (its message carries the SQL and parameters): the innermost cause is the one. */
export function rootCause(error: unknown): DriverError {
  let root = error as DriverError;
  while (root && typeof root === 'object' && root.cause && typeof root.cause === 'object') root = root.cause as DriverError;
  return (root && typeof root === 'object' ? root : { message: String(error) }) as DriverError;
}

const sqlState = (error: unknown): string | null => {
  const code = rootCause(error).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
};

/**
 * SQLSTATE classes about the data written: 21 cardinality violation (one statement naming
 * a row twice), 22 data exception (a value out of range, bad text), 23 integrity
 * constraint violation, 54 program limit exceeded (an index entry too large for its page).
 */
export function isRecordFault(error: unknown): boolean {
  const state = sqlState(error);
  return state !== null && ['21', '22', '23', '54'].includes(state.slice(0, 2));
}

// Constraint names as migrations/0000_init.sql has them.
const FIELD_OF_CONSTRAINT: Record<string, [field: string, message: string]> = {
  projects_platform_code_uq: ['projectCode', 'another record of this platform already uses this projectCode'],
  projects_dealCode_unique: ['dealCode', 'another project already has this dealCode'],
  experts_expertCode_unique: ['expertCode', 'another record already defines this expertCode'],
  experts_personIdNumber_unique: ['idNumber', 'another expert already has this ID number'],
  entities_uscc_unique: ['uscc', 'another entity record already has this USCC'],
  entities_personIdNumber_unique: ['idNumber', 'another entity record already has this ID number'],
};

/**
 * A record's fault in words and the field it concerns. Postgres's detail is never passed
 * on: it quotes the key's values, an ID number among them.
 */
export function recordFault(error: unknown): { path: string; code: string; message: string } {
  const root = rootCause(error);
  const state = sqlState(error) ?? '';
  const constraint = typeof root.constraint === 'string' ? root.constraint : null;
  const known = constraint ? FIELD_OF_CONSTRAINT[constraint] : undefined;
  if (known) return { path: known[0], code: 'CONFLICT', message: known[1] };
  if (state.startsWith('23')) return { path: '', code: 'CONFLICT', message: `conflicts with stored data (${constraint ?? state})` };
  if (state === '21000') return { path: '', code: 'CONFLICT', message: 'names the same stored row as another record of this batch' };
  return { path: '', code: 'INVALID_VALUE', message: `a value the database cannot store (SQLSTATE ${state})` };
}

const CLASSES: Record<string, string> = {
  '08': 'the database connection failed',
  '40': 'the transaction was rolled back (serialization failure or deadlock)',
  '53': 'the database ran out of resources (disk, memory or connections)',
  '57': 'the database was shut down or the statement cancelled',
  '58': 'the database had a system or I/O error',
  XX: 'the database had an internal error',
};

/** One line naming the fault: its kind and SQLSTATE, or the error's class for one that did not come from Postgres. */
export function describeFault(error: unknown): string {
  const state = sqlState(error);
  const root = rootCause(error);
  const message = typeof root.message === 'string' ? root.message.split('\n')[0]!.slice(0, 200) : '';
  const kind = state ? CLASSES[state.slice(0, 2)] : undefined;
  // These classes' messages name the fault, never a value ("terminating connection due to administrator command").
  if (state && kind && state.slice(0, 2) !== 'XX') return `${kind} (SQLSTATE ${state}: ${message})`;
  if (state) return `${kind ?? 'the database refused a statement'} (SQLSTATE ${state})`;
  if (/connection|terminat|ECONNRE|ETIMEDOUT|EPIPE|timeout/i.test(message)) return `the database connection failed (${message})`;
  const name = error instanceof Error ? (root as Error).name || 'Error' : 'Error';
  return `an unexpected ${name} in the hub (see the hub's log)`;
}

/** What the hub's log keeps of a failure: kind, SQLSTATE, the driver's first line and stack, never parameters or row values. */
export function faultForLog(error: unknown): Record<string, unknown> {
  const root = rootCause(error) as DriverError & { name?: unknown; stack?: unknown; routine?: unknown };
  const stack =
    typeof root.stack === 'string'
      ? root.stack
          .split('\n')
          .filter((l) => /^\s+at /.test(l))
          .slice(0, 8)
          .join('\n')
      : undefined;
  return { fault: describeFault(error), sqlState: sqlState(error), name: root.name, routine: root.routine, stack };
}
