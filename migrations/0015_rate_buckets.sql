-- Token buckets shared by the hub's processes (src/credit/rate-bucket.repository.ts).
-- UNLOGGED: a take is a write on every credit lookup, and a bucket is worth nothing after a
-- crash (it starts full again); without WAL the take costs no flush, and no standby copies it.
CREATE UNLOGGED TABLE "rate_buckets" (
	"name" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at" timestamp with time zone NOT NULL
);
