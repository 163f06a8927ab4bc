#!/usr/bin/env bash
# Provision a throwaway local PostgreSQL cluster for Campaigns (dev runs and tests).
#
# Usage: scripts/postgres.sh [start|stop|status|url]
#
#   start   (default) Create the cluster if needed, start it if it is not running,
#           make sure the "campaigns" database exists, and print the Npgsql
#           connection string as the LAST line on stdout. Idempotent and safe to
#           call concurrently (serialised with flock). Progress goes to stderr.
#   stop    Stop the cluster (pg_ctl -m fast) if it is running.
#   status  Describe the cluster. Exit code 0 if running, 3 if not.
#   url     Print the connection string without starting anything.
#
# Environment:
#   CAMPAIGNS_PG_DIR   data directory     (default: <repo root>/.data/postgres)
#   CAMPAIGNS_PG_PORT  TCP port on 127.0.0.1 (default: 55432)
#
# The cluster is disposable: fsync is off, authentication is "trust", and it only
# listens on 127.0.0.1. Delete the data directory to start from scratch.
set -euo pipefail

readonly DB_NAME=campaigns
readonly DB_USER=postgres
readonly PG_OS_USER=postgres
readonly LOCK_TIMEOUT=300

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { printf 'postgres.sh: ERROR: %s\n' "$*" >&2; exit 1; }

SCRIPT_DIR="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(dirname "$SCRIPT_DIR")"

PORT="${CAMPAIGNS_PG_PORT:-55432}"
[[ "$PORT" =~ ^[0-9]+$ ]] && (( PORT >= 1 && PORT <= 65535 )) \
    || die "CAMPAIGNS_PG_PORT must be a TCP port number, got '$PORT'"

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# ---------------------------------------------------------------------------
# Running things as the cluster owner. initdb, pg_ctl and postgres refuse to
# run as root, so as root everything that touches the data directory runs as
# the "postgres" OS user. Callers close fd 9 (the lock) with 9>&-, and pg_ctl
# start goes through without_extra_fds, so the postmaster never inherits the lock.
# ---------------------------------------------------------------------------
as_pg() {
    if is_root; then
        if command -v runuser >/dev/null 2>&1; then
            (cd / && runuser -u "$PG_OS_USER" -- "$@")
        else
            local cmd
            printf -v cmd '%q ' "$@"
            (cd / && su "$PG_OS_USER" -s /bin/bash -c "$cmd")
        fi
    else
        "$@"
    fi
}

# Run "$@" with every file descriptor above 2 closed. Used for anything that may
# leave a daemon behind (pg_ctl start, apt-get's postinst): the daemon must not
# inherit our lock (fd 9) or a caller's pipes, or callers waiting for EOF hang.
without_extra_fds() {
    (
        local fd
        for fd in /proc/self/fd/*; do
            fd="${fd##*/}"
            [[ "$fd" =~ ^[0-9]+$ ]] && (( fd > 2 )) || continue
            eval "exec ${fd}>&-" 2>/dev/null || true
        done
        "$@"
    )
}

ensure_pg_os_user() {
    is_root || return 0
    id -u "$PG_OS_USER" >/dev/null 2>&1 && return 0
    log "creating system user '$PG_OS_USER' (initdb/postgres refuse to run as root)"
    useradd --system --user-group --no-create-home --shell /bin/bash \
        --comment "PostgreSQL administrator" "$PG_OS_USER" \
        || die "could not create the '$PG_OS_USER' OS user"
}

# ---------------------------------------------------------------------------
# Locating the server binaries.
# ---------------------------------------------------------------------------
INITDB="" PG_CTL="" PSQL="" PG_BIN_DIR=""

find_pg_bin() {
    INITDB="" PG_CTL="" PSQL="" PG_BIN_DIR=""
    local i c d
    i="$(command -v initdb 2>/dev/null || true)"
    c="$(command -v pg_ctl 2>/dev/null || true)"
    if [[ -n "$i" && -n "$c" ]]; then
        INITDB="$i" PG_CTL="$c"
    else
        # Debian/Ubuntu packages keep the server binaries off PATH.
        while IFS= read -r d; do
            if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
                INITDB="$d/initdb" PG_CTL="$d/pg_ctl"
                break
            fi
        done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -V -r || true)
    fi
    [[ -n "$INITDB" ]] || return 1
    # Resolve symlinks (e.g. /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb)
    # so that psql comes from the same installation when possible.
    PG_BIN_DIR="$(dirname "$(readlink -f "$INITDB")")"
    if [[ -x "$PG_BIN_DIR/psql" ]]; then
        PSQL="$PG_BIN_DIR/psql"
    else
        PSQL="$(command -v psql 2>/dev/null || true)"
        [[ -n "$PSQL" ]] || { [[ -x /usr/bin/psql ]] && PSQL=/usr/bin/psql; } || true
    fi
    return 0
}

install_pg() {
    command -v apt-get >/dev/null 2>&1 \
        || die "PostgreSQL server binaries (initdb, pg_ctl) not found and apt-get is unavailable; install PostgreSQL and retry"
    local -a sudo=()
    if ! is_root; then
        command -v sudo >/dev/null 2>&1 \
            || die "PostgreSQL server binaries not found; install them as root: apt-get install -y postgresql"
        sudo=(sudo)
    fi
    log "PostgreSQL server binaries not found; installing with apt-get (this takes a while)"
    # stdout -> stderr (only the connection string goes to stdout); extra fds closed
    # so a server started by the package's postinst cannot inherit our lock.
    without_extra_fds "${sudo[@]}" apt-get update </dev/null >&2 \
        || die "apt-get update failed"
    without_extra_fds "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql </dev/null >&2 \
        || die "apt-get install postgresql failed"
}

pg_major_of_binaries() {
    # "initdb (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" -> 15
    "$INITDB" --version | sed -nE 's/^[^)]*\) *([0-9]+).*/\1/p'
}

# ---------------------------------------------------------------------------
# Paths.
# ---------------------------------------------------------------------------
REQ_DIR="" REQ_PARENT="" LOCK_FILE="" DATA_DIR="" FALLBACK_NOTE=""

# $1 = "create" to create the parent directory (start), anything else to not.
resolve_paths() {
    local req="${CAMPAIGNS_PG_DIR:-$REPO_ROOT/.data/postgres}"
    [[ "$req" == /* ]] || req="$PWD/$req"
    req="${req%/}"
    REQ_PARENT="$(dirname "$req")"
    if [[ "${1:-}" == create ]]; then
        mkdir -p "$REQ_PARENT" || die "cannot create $REQ_PARENT"
    fi
    if [[ -d "$REQ_PARENT" ]]; then
        REQ_PARENT="$(cd -P "$REQ_PARENT" && pwd)"
    fi
    REQ_DIR="$REQ_PARENT/$(basename "$req")"
    LOCK_FILE="$REQ_PARENT/$(basename "$req").lock"
    DATA_DIR="$REQ_DIR"
}

# As root the cluster is owned by the postgres OS user, which needs search (x)
# permission on every ancestor of the data directory. If it lacks that (e.g. the
# repo lives under /root, mode 700) we do NOT loosen permissions on the user's
# directories; the cluster goes to a stable per-path directory under /tmp instead.
choose_data_dir() {
    DATA_DIR="$REQ_DIR"
    FALLBACK_NOTE=""
    is_root || return 0
    [[ -f "$REQ_DIR/PG_VERSION" ]] && return 0
    [[ -d "$REQ_PARENT" ]] || return 0
    id -u "$PG_OS_USER" >/dev/null 2>&1 || return 0
    if ! as_pg test -x "$REQ_PARENT" 2>/dev/null; then
        local hash
        hash="$(printf '%s' "$REQ_DIR" | sha256sum | cut -c1-12)"
        DATA_DIR="/tmp/campaigns-postgres-$hash"
        FALLBACK_NOTE="the '$PG_OS_USER' OS user cannot reach $REQ_PARENT (a parent directory lacks o+x); using $DATA_DIR for the cluster instead (permissions left unchanged)"
    fi
}

acquire_lock() {
    [[ -e "$LOCK_FILE" ]] || : >>"$LOCK_FILE" || die "cannot create lock file $LOCK_FILE"
    # Read-only open is enough for flock and works whoever created the file.
    exec 9<"$LOCK_FILE"
    if ! flock -n 9; then
        log "waiting for another postgres.sh holding $LOCK_FILE"
        flock -w "$LOCK_TIMEOUT" 9 || die "timed out after ${LOCK_TIMEOUT}s waiting for $LOCK_FILE"
    fi
}

# ---------------------------------------------------------------------------
# Cluster state.
# ---------------------------------------------------------------------------
pid_file_field() { # $1 = line number of postmaster.pid
    sed -n "${1}p" "$DATA_DIR/postmaster.pid" 2>/dev/null | tr -d '[:space:]'
}

cluster_running() {
    [[ -f "$DATA_DIR/PG_VERSION" && -f "$DATA_DIR/postmaster.pid" ]] || return 1
    if [[ -n "$PG_CTL" ]]; then
        as_pg "$PG_CTL" -D "$DATA_DIR" status >/dev/null 2>&1 9>&-
    else
        local pid
        pid="$(pid_file_field 1)"
        [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
    fi
}

# A postmaster.pid left behind by a killed container can name a PID that has
# since been reused by an unrelated process; pg_ctl then believes the server is
# running and postgres refuses to start. Detect that via /proc.
stale_pid_file() {
    [[ -f "$DATA_DIR/postmaster.pid" && -d /proc/self ]] || return 1
    local pid comm
    pid="$(pid_file_field 1)"
    [[ -n "$pid" ]] || return 0
    [[ -r "/proc/$pid/comm" ]] || return 1   # not running at all: pg_ctl copes
    comm="$(cat "/proc/$pid/comm" 2>/dev/null || true)"
    [[ "$comm" != postgres && "$comm" != postmaster ]]
}

running_port() {
    local p
    p="$(pid_file_field 4)"
    [[ "$p" =~ ^[0-9]+$ ]] && echo "$p" || echo "$PORT"
}

conn_string() { # $1 = port
    printf 'Host=127.0.0.1;Port=%s;Username=%s;Database=%s\n' "$1" "$DB_USER" "$DB_NAME"
}

port_in_use() { # $1 = port; true if something accepts TCP connections on 127.0.0.1:$1
    if command -v timeout >/dev/null 2>&1; then
        timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null 9>&-
    else
        bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null 9>&-
    fi
}

describe_listener() { # $1 = port
    if command -v ss >/dev/null 2>&1; then
        ss -Hltnp "sport = :$1" 2>/dev/null | tr -s ' ' || true
    fi
}

run_psql() { # $1 = port, rest = psql args
    local port="$1"; shift
    [[ -n "$PSQL" ]] || die "psql not found (looked in $PG_BIN_DIR, on PATH and at /usr/bin/psql)"
    PGCONNECT_TIMEOUT=10 "$PSQL" -X -q -v ON_ERROR_STOP=1 \
        -h 127.0.0.1 -p "$port" -U "$DB_USER" "$@" 9>&-
}

ensure_database() { # $1 = port
    local exists
    exists="$(run_psql "$1" -d postgres -tAc \
        "select 1 from pg_database where datname = '$DB_NAME'")" \
        || die "cannot connect to the cluster on 127.0.0.1:$1 (log: $DATA_DIR/postgres.log)"
    if [[ "$exists" != 1 ]]; then
        log "creating database '$DB_NAME'"
        run_psql "$1" -d postgres -c "create database \"$DB_NAME\"" >&2
    fi
}

# ---------------------------------------------------------------------------
# Creating the cluster.
# ---------------------------------------------------------------------------
has_c_utf8_locale() {
    command -v locale >/dev/null 2>&1 || return 0   # cannot tell; try it and fall back
    locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'
}

prepare_data_dir() {
    if [[ -e "$DATA_DIR" && ! -d "$DATA_DIR" ]]; then
        die "$DATA_DIR exists and is not a directory"
    fi
    if [[ -d "$DATA_DIR" ]] && [[ -n "$(ls -A "$DATA_DIR" 2>/dev/null)" ]]; then
        die "$DATA_DIR is not empty but holds no PostgreSQL cluster (no PG_VERSION); remove it and retry"
    fi
    mkdir -p "$DATA_DIR" || die "cannot create $DATA_DIR"
    chmod 700 "$DATA_DIR"
    if is_root; then
        chown "$PG_OS_USER:" "$DATA_DIR" || die "cannot chown $DATA_DIR to $PG_OS_USER"
    fi
}

clear_data_dir() {
    as_pg find "$DATA_DIR" -mindepth 1 -delete 9>&- || true
}

init_cluster() {
    prepare_data_dir
    log "initialising a new cluster in $DATA_DIR ($("$INITDB" --version))"
    local -a args=(-D "$DATA_DIR" -A trust -U "$DB_USER" --encoding=UTF8 --no-sync)
    if has_c_utf8_locale && as_pg "$INITDB" "${args[@]}" --locale=C.UTF-8 >&2 9>&-; then
        return 0
    fi
    log "locale C.UTF-8 unavailable or initdb failed with it; retrying with --locale=C"
    clear_data_dir
    as_pg "$INITDB" "${args[@]}" --locale=C >&2 9>&- || die "initdb failed"
}

sql_quote() { printf "'%s'" "${1//\'/\'\'}"; }

write_config() {
    local sockdir="$DATA_DIR" shm_line=""
    # Unix socket paths are limited to ~107 bytes.
    if (( ${#DATA_DIR} + 20 > 100 )); then
        sockdir=/tmp
    fi
    # Small /dev/shm (Docker's default is 64MB) breaks parallel queries.
    local shm_kb
    shm_kb="$(df -Pk /dev/shm 2>/dev/null | awk 'NR==2 {print $2}' || true)"
    if [[ -z "$shm_kb" || "$shm_kb" -lt 262144 ]]; then
        shm_line="dynamic_shared_memory_type = mmap"
    fi
    as_pg tee "$DATA_DIR/campaigns.conf" >/dev/null 9>&- <<EOF
# Generated by scripts/postgres.sh on every start; edits are overwritten.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = $(sql_quote "$sockdir")
max_connections = 300
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
$shm_line
EOF
    if ! grep -q "^include_if_exists = 'campaigns.conf'" "$DATA_DIR/postgresql.conf"; then
        printf "\n# Campaigns throwaway-cluster settings (scripts/postgres.sh)\ninclude_if_exists = 'campaigns.conf'\n" \
            | as_pg tee -a "$DATA_DIR/postgresql.conf" >/dev/null 9>&-
    fi
}

# ---------------------------------------------------------------------------
# Commands.
# ---------------------------------------------------------------------------
cmd_start() {
    resolve_paths create
    acquire_lock
    if ! find_pg_bin; then
        install_pg
        find_pg_bin || die "PostgreSQL was installed but initdb/pg_ctl still not found (looked on PATH and in /usr/lib/postgresql/*/bin)"
    fi
    ensure_pg_os_user
    choose_data_dir
    [[ -z "$FALLBACK_NOTE" ]] || log "NOTE: $FALLBACK_NOTE"

    if cluster_running && ! stale_pid_file; then
        local port
        port="$(running_port)"
        if [[ "$port" != "$PORT" && -n "${CAMPAIGNS_PG_PORT:-}" ]]; then
            log "WARNING: cluster is already running on port $port, not the requested $PORT; stop it first to change the port"
        fi
        log "cluster in $DATA_DIR already running on 127.0.0.1:$port"
        ensure_database "$port"
        conn_string "$port"
        return 0
    fi

    if stale_pid_file; then
        log "removing stale $DATA_DIR/postmaster.pid (its PID now belongs to another process)"
        as_pg rm -f "$DATA_DIR/postmaster.pid" 9>&-
    fi

    if port_in_use "$PORT"; then
        local who
        who="$(describe_listener "$PORT")"
        if [[ -n "${CAMPAIGNS_PG_PORT:-}" ]]; then
            die "port $PORT on 127.0.0.1 is already in use by something other than the cluster in $DATA_DIR${who:+ ($who)}; stop it or set CAMPAIGNS_PG_PORT"
        fi
        # The default port is taken (another checkout's cluster, say): take the next free one. The connection string
        # printed below, and `url`/`status` (which read the running cluster's port), carry it.
        local candidate=$((PORT + 1))
        while (( candidate < PORT + 100 )) && port_in_use "$candidate"; do candidate=$((candidate + 1)); done
        (( candidate < PORT + 100 )) || die "ports $PORT-$((PORT + 99)) on 127.0.0.1 are all in use; set CAMPAIGNS_PG_PORT"
        log "port $PORT is in use${who:+ ($who)}; using $candidate"
        PORT=$candidate
    fi

    if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
        init_cluster
    fi

    local have want
    have="$(tr -d '[:space:]' <"$DATA_DIR/PG_VERSION")"
    want="$(pg_major_of_binaries)"
    if [[ -n "$want" && "$have" != "$want" ]]; then
        die "cluster in $DATA_DIR was created by PostgreSQL $have but the binaries found are PostgreSQL $want ($PG_BIN_DIR); it is disposable: delete $DATA_DIR and retry"
    fi

    write_config
    log "starting PostgreSQL on 127.0.0.1:$PORT (log: $DATA_DIR/postgres.log)"
    if ! without_extra_fds as_pg "$PG_CTL" -D "$DATA_DIR" -l "$DATA_DIR/postgres.log" -w -t 60 start </dev/null >&2; then
        log "pg_ctl start failed; last lines of $DATA_DIR/postgres.log:"
        tail -n 30 "$DATA_DIR/postgres.log" >&2 2>/dev/null || true
        die "could not start PostgreSQL"
    fi
    ensure_database "$PORT"
    conn_string "$PORT"
}

cmd_stop() {
    resolve_paths
    [[ -d "$REQ_PARENT" ]] && acquire_lock
    find_pg_bin || true
    choose_data_dir
    if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
        log "no cluster in $DATA_DIR; nothing to stop"
        return 0
    fi
    if ! cluster_running || stale_pid_file; then
        log "cluster in $DATA_DIR is not running"
        return 0
    fi
    [[ -n "$PG_CTL" ]] || die "cluster is running but pg_ctl was not found"
    log "stopping cluster in $DATA_DIR"
    as_pg "$PG_CTL" -D "$DATA_DIR" -m fast -w -t 60 stop >&2 9>&- || die "pg_ctl stop failed"
}

cmd_status() {
    resolve_paths
    find_pg_bin || true
    choose_data_dir
    echo "data dir:  $DATA_DIR"
    [[ -z "$FALLBACK_NOTE" ]] || echo "note:      $FALLBACK_NOTE"
    echo "binaries:  ${PG_BIN_DIR:-<not found>}${INITDB:+ (initdb: $INITDB, pg_ctl: $PG_CTL)}"
    echo "psql:      ${PSQL:-<not found>}"
    if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
        echo "state:     no cluster (run: scripts/postgres.sh start)"
        return 3
    fi
    echo "version:   PostgreSQL $(tr -d '[:space:]' <"$DATA_DIR/PG_VERSION") cluster"
    if cluster_running && ! stale_pid_file; then
        local port
        port="$(running_port)"
        echo "state:     running (pid $(pid_file_field 1)) on 127.0.0.1:$port"
        echo "url:       $(conn_string "$port")"
        return 0
    fi
    echo "state:     stopped"
    return 3
}

cmd_url() {
    resolve_paths
    find_pg_bin || true
    choose_data_dir
    if cluster_running && ! stale_pid_file; then
        conn_string "$(running_port)"
    else
        conn_string "$PORT"
    fi
}

usage() {
    sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

case "${1:-start}" in
    start)  cmd_start ;;
    stop)   cmd_stop ;;
    status) cmd_status ;;
    url)    cmd_url ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
esac
