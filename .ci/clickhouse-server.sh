#!/usr/bin/env bash
# CI helper: install Debian's clickhouse-server (bookworm ships 18.16.1) and start it on loopback
# without systemd, so tests can point the hub at a real, too-old ClickHouse over HTTP.
#
#   - HTTP on 127.0.0.1:8123 only (native TCP 127.0.0.1:9000, interserver 127.0.0.1:9009).
#   - user `default`, no password (package default), and user `hub` / `hub-ci-password`
#     from a users.d drop-in, so a test can also see a wrong password refused.
#
# Idempotent: skips the install when the package is installed, skips the start when
# http://127.0.0.1:8123/ping already answers "Ok.". Needs root (apt-get, runuser).
# Exits non-zero, with the tail of the server's logs, if the server does not answer in 60 s.
set -euo pipefail

HTTP_PORT=8123
PING_URL="http://127.0.0.1:${HTTP_PORT}/ping"
CONF_DIR=/etc/clickhouse-server
LOG_DIR=/var/log/clickhouse-server
STDOUT_LOG="${LOG_DIR}/stdout.log"
WAIT_SECONDS=60

log() { echo "[clickhouse-server.sh] $*"; }

ping_ok() {
  [ "$(curl -fsS --max-time 2 "$PING_URL" 2>/dev/null || true)" = "Ok." ]
}

show_logs() {
  local f
  for f in "$STDOUT_LOG" "${LOG_DIR}/clickhouse-server.err.log" "${LOG_DIR}/clickhouse-server.log"; do
    if [ -f "$f" ]; then
      echo "----- tail -n 40 $f -----" >&2
      tail -n 40 "$f" >&2 || true
    fi
  done
}

if [ "$(id -u)" != 0 ]; then
  echo "[clickhouse-server.sh] must run as root (apt-get, runuser)" >&2
  exit 1
fi

# Config drop-ins first: if the package's postinst starts the server itself (invoke-rc.d, where no
# policy-rc.d forbids it), that server already reads them. dpkg leaves extra files here alone.
log "writing ${CONF_DIR}/users.d/hub.xml (user hub) and ${CONF_DIR}/config.d/ci.xml (listen 127.0.0.1, log level)"
mkdir -p "${CONF_DIR}/users.d" "${CONF_DIR}/config.d"
cat > "${CONF_DIR}/users.d/hub.xml" <<'EOF'
<?xml version="1.0"?>
<!-- Written by .ci/clickhouse-server.sh: the user the hub's CI tests log in as. -->
<yandex>
    <users>
        <hub>
            <password>hub-ci-password</password>
            <networks>
                <ip>::1</ip>
                <ip>127.0.0.1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
        </hub>
    </users>
</yandex>
EOF
cat > "${CONF_DIR}/config.d/ci.xml" <<'EOF'
<?xml version="1.0"?>
<!-- Written by .ci/clickhouse-server.sh. An explicit listen_host: 127.0.0.1 only, and a failed bind
     stops the server (with no listen_host it would carry on serving on [::1] alone). Startup
     messages in the log, for a failed CI start. -->
<yandex>
    <listen_host>127.0.0.1</listen_host>
    <logger>
        <level>information</level>
    </logger>
</yandex>
EOF
chmod 644 "${CONF_DIR}/users.d/hub.xml" "${CONF_DIR}/config.d/ci.xml"

start_time=$(date +%s)

if dpkg-query -W -f='${Status}' clickhouse-server 2>/dev/null | grep -q 'install ok installed'; then
  log "clickhouse-server already installed: $(dpkg-query -W -f='${Version}' clickhouse-server)"
else
  pkgs=(clickhouse-server)
  command -v curl >/dev/null || pkgs+=(curl)
  apt_log=$(mktemp /tmp/clickhouse-apt.XXXXXX.log)
  log "installing ${pkgs[*]} with apt-get (output in ${apt_log})"
  # The package asks nothing through debconf; noninteractive just makes sure nothing waits.
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -q --no-install-recommends "${pkgs[@]}"; } >"$apt_log" 2>&1; then
    echo "[clickhouse-server.sh] apt-get failed; tail of ${apt_log}:" >&2
    tail -n 40 "$apt_log" >&2
    exit 1
  fi
  log "installed clickhouse-server $(dpkg-query -W -f='${Version}' clickhouse-server) in $(( $(date +%s) - start_time )) s"
fi

if ping_ok; then
  log "already answering at ${PING_URL}; not starting another"
  exit 0
fi

# The postinst creates these; make sure anyway (a half-done earlier install, a wiped /var/log).
getent passwd clickhouse >/dev/null || adduser --disabled-password --quiet --system \
  --home /var/lib/clickhouse --gecos "ClickHouse daemon" --group clickhouse
mkdir -p "$LOG_DIR" /var/lib/clickhouse
chown clickhouse:clickhouse "$LOG_DIR" /var/lib/clickhouse

if pgrep -u clickhouse -x clickhouse-serv >/dev/null 2>&1 || pgrep -u clickhouse -x clickhouse-server >/dev/null 2>&1; then
  log "a clickhouse-server process is already running; waiting for it instead of starting another"
  launcher_pid=
else
  log "starting clickhouse-server as user clickhouse (no systemd): output in ${STDOUT_LOG}"
  : > "$STDOUT_LOG"
  chown clickhouse:clickhouse "$STDOUT_LOG"
  # setsid + nohup: the server outlives this script and the CI step that ran it.
  # The server chdirs to its data path itself.
  setsid nohup runuser -u clickhouse -- /usr/sbin/clickhouse-server \
    --config-file="${CONF_DIR}/config.xml" >>"$STDOUT_LOG" 2>&1 </dev/null &
  launcher_pid=$!   # runuser's pid: it passes a TERM on to the server it runs
fi

log "waiting up to ${WAIT_SECONDS} s for ${PING_URL}"
deadline=$(( $(date +%s) + WAIT_SECONDS ))
until ping_ok; do
  if [ -n "$launcher_pid" ] && ! kill -0 "$launcher_pid" 2>/dev/null; then
    echo "[clickhouse-server.sh] clickhouse-server exited before answering ${PING_URL}" >&2
    show_logs
    exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "[clickhouse-server.sh] clickhouse-server did not answer ${PING_URL} within ${WAIT_SECONDS} s" >&2
    show_logs
    if [ -n "$launcher_pid" ] && kill -0 "$launcher_pid" 2>/dev/null; then
      echo "[clickhouse-server.sh] stopping the server this script started (runuser pid ${launcher_pid})" >&2
      kill "$launcher_pid" 2>/dev/null || true
    fi
    exit 1
  fi
  sleep 0.5
done

version=$(curl -fsS --max-time 5 "http://127.0.0.1:${HTTP_PORT}/?query=SELECT%20version()" || echo unknown)
log "clickhouse-server ${version} answering at ${PING_URL} ($(( $(date +%s) - start_time )) s since start of install/start)"
