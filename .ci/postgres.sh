# --- PostgreSQL for the ledger tests (tests/records/pg.py) -------------------------------------
# Installs PostgreSQL if missing (Debian/Ubuntu), starts the newest cluster, creates the role and
# database `screening_test` (LOGIN CREATEDB CREATEROLE: each test makes and drops its own database;
# one test makes an INSERT/SELECT-only application role) and
# exports SCREENING_TEST_POSTGRES_URL. Idempotent: safe to run again on a running server.
# Source it (". /tmp/ci-postgres.sh") so the export reaches the pytest that follows.
_as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  _as_root apt-get update -qq
  _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_VERSION_DIR=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$PG_VERSION_DIR main"; then
  _as_root pg_createcluster "$PG_VERSION_DIR" main >/dev/null
fi
PG_PORT=$(pg_lsclusters -h | awk -v v="$PG_VERSION_DIR" '$1==v && $2=="main" {print $3}')
if ! pg_lsclusters -h | awk -v v="$PG_VERSION_DIR" '$1==v && $2=="main" {print $4}' | grep -q online; then
  _as_root pg_ctlcluster "$PG_VERSION_DIR" main start
fi
for _i in $(seq 1 30); do _as_postgres pg_isready -q -p "$PG_PORT" && break; sleep 1; done
_as_postgres psql -q -p "$PG_PORT" -v ON_ERROR_STOP=1 -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'screening_test') THEN
    CREATE ROLE screening_test LOGIN CREATEDB CREATEROLE PASSWORD 'screening_test';
  END IF; END \$\$;"
_as_postgres psql -q -p "$PG_PORT" -c "ALTER ROLE screening_test CREATEDB CREATEROLE"
if ! _as_postgres psql -p "$PG_PORT" -tAc "SELECT 1 FROM pg_database WHERE datname = 'screening_test'" | grep -q 1; then
  _as_postgres createdb -p "$PG_PORT" -O screening_test screening_test
fi
export SCREENING_TEST_POSTGRES_URL="postgresql://screening_test:screening_test@127.0.0.1:${PG_PORT}/screening_test"
# -----------------------------------------------------------------------------------------------
