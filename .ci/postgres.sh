# Sourced by .ci/run: a PostgreSQL server for the store tests (issue #23).
# Installs Debian's postgresql if it is missing, starts a private cluster
# on 127.0.0.1:54329 (its own data directory, so a system cluster is left
# alone) and exports SITREP_TEST_PG. A SITREP_TEST_PG already set is used
# as it is. If PostgreSQL cannot be had, says so: the PostgreSQL tests then
# skip with a message and the SQLite ones still run.
sitrep_start_postgres() {
    [ -n "${SITREP_TEST_PG:-}" ] && return 0
    if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
        [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
    fi
    local bin dir port=54329 as
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    dir=${TMPDIR:-/tmp}/sitrep-ci-postgres
    # initdb and the server refuse to run as root
    if [ "$(id -u)" = 0 ]; then as="su postgres -s /bin/sh -c"; else as="sh -c"; fi
    if [ ! -f "$dir/PG_VERSION" ]; then
        mkdir -p "$dir" && { [ "$(id -u)" != 0 ] || chown postgres "$dir"; }
        $as "$bin/initdb -D '$dir' -U postgres --auth=trust >/dev/null" || return 1
    fi
    if ! $as "$bin/pg_ctl -D '$dir' status" >/dev/null 2>&1; then
        $as "$bin/pg_ctl -D '$dir' -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l '$dir/log' -w start >/dev/null" || return 1
    fi
    "$bin/psql" -qAt -h 127.0.0.1 -p $port -U postgres -d postgres \
        -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sitrep') THEN CREATE ROLE sitrep LOGIN PASSWORD 'sitrep'; END IF; END \$\$" || return 1
    "$bin/psql" -qAt -h 127.0.0.1 -p $port -U postgres -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'sitrep'" | grep -q 1 ||
        "$bin/createdb" -h 127.0.0.1 -p $port -U postgres -O sitrep sitrep || return 1
    export SITREP_TEST_PG="postgres://sitrep:sitrep@127.0.0.1:$port/sitrep"
    echo "PostgreSQL for the store tests: $SITREP_TEST_PG"
}
sitrep_start_postgres || echo "PostgreSQL could not be started: the PostgreSQL store tests will skip"
