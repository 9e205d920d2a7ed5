#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 Retention Calculator contributors
# Runs the README's warehouse SQL (sql/*.sql) on a real PostgreSQL over the CDNOW order log and
# checks the result equals rc.analyze's own summary (tests/sql/compare.mjs). The server is a
# throwaway one: a fresh data directory, a unix socket in a temporary directory, no TCP, stopped
# on exit whatever happens. Needs Debian's postgresql package (scripts/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi

# The server refuses to run as root: as root, run it (and psql) as the postgres user.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi

tmp=$(mktemp -d /tmp/retention-sql.XXXXXX)
[ ${#as_pg[@]} -eq 0 ] || chown postgres: "$tmp"
chmod 700 "$tmp"
cleanup() {
  if [ -f "$tmp/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
# Ctrl+C or a kill still goes through the EXIT trap, so the server never outlives the script.
trap 'exit 130' INT TERM

"${as_pg[@]}" "$bin/initdb" -D "$tmp/data" -A trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 20 start \
  -o "-c listen_addresses='' -c unix_socket_directories='$tmp' -c fsync=off -c TimeZone=UTC" >/dev/null \
  || { cat "$tmp/server.log" >&2; exit 1; }

psql() {
  "${as_pg[@]}" "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$tmp" -d postgres "$@"
}

# CDNOW is whitespace-separated: original id, customer id, YYYYMMDD, quantity, amount. The CSV goes
# where the postgres user can read it.
data=tests/data/cdnow/CDNOW_sample.txt
awk 'NF == 5 { printf "%s,%s-%s-%s,%s,%s\n", $2, substr($3, 1, 4), substr($3, 5, 2), substr($3, 7, 2), $4, $5 }' \
  "$data" >"$tmp/orders.csv"
[ ${#as_pg[@]} -eq 0 ] || chown postgres: "$tmp/orders.csv"

psql <<SQL
CREATE TABLE orders (customer_id TEXT, order_date DATE, quantity INTEGER, amount NUMERIC(12, 2));
\copy orders FROM '$tmp/orders.csv' WITH (FORMAT csv)
SQL

psql -v calibration_end=1997-09-30 --csv -f sql/customer_summary.sql >"$tmp/customer_summary.csv"
psql -v activity_window=1 --csv -f sql/period_counts.sql >"$tmp/period_counts.csv"
psql -v activity_window=3 --csv -f sql/period_counts.sql >"$tmp/period_counts_w3.csv"

node tests/sql/compare.mjs "$repo/$data" "$tmp/customer_summary.csv" "$tmp/period_counts.csv" "$tmp/period_counts_w3.csv"
