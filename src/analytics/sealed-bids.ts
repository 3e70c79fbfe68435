/**
 * Bid contents (prices, bidders, and so how many bids there are) are confidential until
 * the project's bid opening (开标); a project with no opening time counts as not opened
 * (src/auth/access.ts bidsSealed). Every analytics aggregate over bids leaves the sealed
 * ones out, for every role: narrowed to one day, region and category, a bid count is one
 * project's bidder count. Statistics serve policy; an admin who needs sealed detail reads
 * the rows.
 *
 * The rule is applied in each query against `{now}`, the hub's clock at the time of the
 * request (the clock bidsSealed uses), never frozen at sync time: an opening that is reached,
 * set or moved needs no new sync.
 */
export const bidsOpened = (openingColumn: string) => `coalesce(${openingColumn} <= {now:DateTime64(3, 'UTC')}, false)`;

/** The `now` parameter as ClickHouse reads a DateTime64(3, 'UTC'). */
export const nowParam = (now: Date) => now.toISOString().replace('T', ' ').replace('Z', '');
