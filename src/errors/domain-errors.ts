/**
 * Typed domain errors, one meaning each. Services throw these; src/graphql/error-mapping.ts
 * turns them into GraphQL error codes in one place.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** A caller-supplied value is wrong. `argument` names it (e.g. `filter.regionCode`). */
export class BadInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly argument: string,
    problem: string,
  ) {
    super(`${argument}: ${problem}`);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'An API key is required: send it as "Authorization: Bearer <key>".') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(what: string, key: string) {
    super(`${what} ${key} was not found or is outside your remit.`);
  }
}

/** The request contradicts what the hub already holds (e.g. an idempotency key reused for other content). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

/** The analytics store (ClickHouse) cannot answer: not configured, unreachable, or refused. */
export class AnalyticsUnavailableError extends DomainError {
  readonly code = 'ANALYTICS_UNAVAILABLE';
}

/** Too many requests for this key's token bucket; `retryAfterSeconds` says when to come back. */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number) {
    super(`This key's credit lookup rate is used up; retry after ${retryAfterSeconds} s.`);
  }
}
