#!/usr/bin/env bash
# Starts the local PostgreSQL 15 cluster if it is stopped and makes sure the test role exists.
# Prints the base connection URL (no database name) on stdout; exits 3 when PostgreSQL is not installed.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL is not installed (pg_ctlcluster not found)" >&2
  exit 3
fi
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2" "$4" "$3}')
read -r version name status port <<<"$cluster"
if [ "$status" != "online" ]; then pg_ctlcluster "$version" "$name" start >&2; fi
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -tAc 'select 1'" >/dev/null 2>&1 && break
  sleep 0.5
done
su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crossroads') THEN
    CREATE ROLE crossroads LOGIN CREATEDB PASSWORD 'crossroads';
  END IF;
END \$\$;
SQL
echo "postgresql://crossroads:crossroads@127.0.0.1:$port"
