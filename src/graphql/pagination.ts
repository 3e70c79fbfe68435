import { Field, FieldResolver, Int, ObjectType, Resolver, Root, type ClassType } from 'type-graphql';
import { BadInputError } from '../errors/domain-errors';

@ObjectType({ description: 'Where a page sits in the whole list.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor: string | null;
}

/** A Relay-style connection of `node` items; `totalCount` is counted only when asked for. */
export function Connection<T extends object>(node: ClassType<T>) {
  @ObjectType(`${node.name}Edge`)
  class Edge {
    @Field(() => String)
    cursor: string;

    @Field(() => node)
    node: T;
  }

  // Not reachable from any resolver itself, so type-graphql 2 does not emit it; the
  // concrete `XConnection extends Connection(X)` classes are what the schema shows.
  @ObjectType(`${node.name}ConnectionBase`)
  abstract class ConnectionClass {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [node], { description: 'The same items as `edges`, without cursors.' })
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items match the filter in all (one extra count query).' })
    totalCount: number;
  }
  return ConnectionClass;
}

/**
 * Keyset cursors: the sort key of the last row, opaque to callers. Keyset paging stays as
 * fast on page 1,000 as on page 1 and does not skip or repeat rows when new ones arrive.
 */
export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(['v1', ...key]), 'utf8').toString('base64url');
}

export function decodeCursor(argument: string, cursor: string, shape: Array<'string' | 'number'>): Array<string | number> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed[0] === 'v1' && parsed.length === shape.length + 1) {
      const key = parsed.slice(1) as unknown[];
      if (key.every((v, i) => typeof v === shape[i])) return key as Array<string | number>;
    }
  } catch {
    // fall through to the error below
  }
  throw new BadInputError(argument, 'not a cursor returned by this API (use pageInfo.endCursor)');
}

/** Validates `first` against the configured maximum page size. */
export function pageSize(first: number | null | undefined, limits: { default: number; max: number }): number {
  if (first === null || first === undefined) return limits.default;
  if (!Number.isInteger(first) || first < 1 || first > limits.max) {
    throw new BadInputError('first', `page size must be between 1 and ${limits.max}, got ${first}`);
  }
  return first;
}

/** Builds a connection from `size + 1` fetched rows: the extra row only says there is more. */
export function toConnection<R, N>(rows: R[], size: number, toNode: (row: R) => N, cursorOf: (row: R) => Array<string | number>) {
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: toNode(row) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * The resolver of a connection's `totalCount`: the service hands back a `countTotal`
 * function, so the count query runs only when a caller asks for it.
 */
export function TotalCountResolver(connection: ClassType) {
  @Resolver(() => connection)
  class TotalCount {
    @FieldResolver(() => Int)
    totalCount(@Root() root: { countTotal: () => Promise<number> }): Promise<number> {
      return root.countTotal();
    }
  }
  return TotalCount;
}
