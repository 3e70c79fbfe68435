#!/usr/bin/env bash
# CI helper: install Debian's PostgreSQL 15 server and start, on loopback and without systemd,
# a primary and a streaming replica of it, so that the tests also run against a real server
# with a read replica (issue: beyond one machine).
#
#   - primary on 127.0.0.1:${PRIMARY_PORT}, replica on 127.0.0.1:${REPLICA_PORT}, data under ${ROOT};
#   - the replica is a pg_basebackup -R of the primary, streaming, hot standby;
#   - the primary waits for the replica to apply each commit (synchronous_commit = remote_apply),
#     so a test that writes and then reads through the replica sees what it wrote; a session
#     may turn that off for itself (the replica-lag test does, to let the replica fall behind);
#   - database hub_test (the tests refuse a database whose name lacks "test"), user postgres;
#   - pgbouncer on 127.0.0.1:${BOUNCER_PORT} in transaction mode in front of the primary.
#
# Prints the environment to export (DATABASE_URL=…, DATABASE_REPLICA_URLS=…, PGBOUNCER_TEST_URL=…)
# on its last three lines. Idempotent: a running pair is left as it is. Needs root.
set -euo pipefail

PRIMARY_PORT=55432
REPLICA_PORT=55433
BOUNCER_PORT=56432
ROOT=/var/tmp/prt-ci-postgres
BIN=/usr/lib/postgresql/15/bin

log() { echo "[postgres.sh] $*" >&2; }
as_pg() { runuser -u postgres -- "$@"; }

if [ "$(id -u)" != 0 ]; then
  echo "[postgres.sh] must run as root (apt-get, runuser)" >&2
  exit 1
fi

if [ ! -x "$BIN/postgres" ] || ! command -v pgbouncer >/dev/null; then
  log "installing postgresql-15 and pgbouncer"
  # The package would create and start a cluster of its own through systemd: this script runs its own.
  mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-client-15 pgbouncer >/dev/null
fi

ready() { as_pg "$BIN/pg_isready" -q -h 127.0.0.1 -p "$1"; }

mkdir -p "$ROOT"
chown postgres:postgres "$ROOT"

if ! ready "$PRIMARY_PORT"; then
  if [ ! -f "$ROOT/primary/PG_VERSION" ]; then
    log "initdb $ROOT/primary"
    as_pg "$BIN/initdb" -D "$ROOT/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$ROOT/primary/postgresql.conf" <<EOF
# Written by .ci/postgres.sh
listen_addresses = '127.0.0.1'
port = ${PRIMARY_PORT}
unix_socket_directories = '${ROOT}'
wal_level = replica
max_wal_senders = 4
max_connections = 300
shared_buffers = 256MB
fsync = off
EOF
    echo "host replication postgres 127.0.0.1/32 trust" >> "$ROOT/primary/pg_hba.conf"
  fi
  log "starting the primary on 127.0.0.1:$PRIMARY_PORT"
  as_pg "$BIN/pg_ctl" -D "$ROOT/primary" -l "$ROOT/primary.log" -w -t 60 start >/dev/null
fi
as_pg "$BIN/psql" -q -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'hub_test'" | grep -q 1 ||
  as_pg "$BIN/psql" -q -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -c "create database hub_test"

if ! ready "$REPLICA_PORT"; then
  if [ ! -f "$ROOT/replica/PG_VERSION" ]; then
    log "pg_basebackup -R into $ROOT/replica"
    as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$ROOT/replica" -R -X stream -c fast
    cat >> "$ROOT/replica/postgresql.conf" <<EOF
# Written by .ci/postgres.sh (replica)
port = ${REPLICA_PORT}
hot_standby = on
hot_standby_feedback = on
EOF
  fi
  log "starting the replica on 127.0.0.1:$REPLICA_PORT"
  as_pg "$BIN/pg_ctl" -D "$ROOT/replica" -l "$ROOT/replica.log" -w -t 60 start >/dev/null
fi
# The replica must be streaming before a test counts on it.
for _ in $(seq 1 60); do
  if [ "$(as_pg "$BIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -tAc "select count(*) from pg_stat_replication where state = 'streaming'")" -ge 1 ]; then
    break
  fi
  sleep 1
done
# Only now that a standby streams: with no standby, every commit would wait for one.
as_pg "$BIN/psql" -q -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres \
  -c "alter system set synchronous_standby_names = '*'" -c "alter system set synchronous_commit = 'remote_apply'" -c "select pg_reload_conf()" >/dev/null
as_pg "$BIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -tAc "select 'replica: ' || application_name || ' ' || state || ' ' || sync_state from pg_stat_replication" >&2

if ! (exec 3<>/dev/tcp/127.0.0.1/$BOUNCER_PORT) 2>/dev/null; then
  log "starting pgbouncer (transaction mode) on 127.0.0.1:$BOUNCER_PORT"
  cat > "$ROOT/pgbouncer.ini" <<EOF
[databases]
* = host=127.0.0.1 port=${PRIMARY_PORT}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${BOUNCER_PORT}
unix_socket_dir =
auth_type = trust
auth_file = ${ROOT}/userlist.txt
pool_mode = transaction
max_client_conn = 400
default_pool_size = 10
logfile = ${ROOT}/pgbouncer.log
pidfile = ${ROOT}/pgbouncer.pid
EOF
  echo '"postgres" ""' > "$ROOT/userlist.txt"
  chown postgres:postgres "$ROOT/pgbouncer.ini" "$ROOT/userlist.txt"
  as_pg pgbouncer -d "$ROOT/pgbouncer.ini"
  sleep 1
fi

echo "DATABASE_URL=postgres://postgres@127.0.0.1:${PRIMARY_PORT}/hub_test"
echo "DATABASE_REPLICA_URLS=postgres://postgres@127.0.0.1:${REPLICA_PORT}/hub_test"
echo "PGBOUNCER_TEST_URL=postgres://postgres@127.0.0.1:${BOUNCER_PORT}/hub_test"
