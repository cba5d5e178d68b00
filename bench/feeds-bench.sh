#!/usr/bin/env bash
# Feed import benchmark (bench/README.md, "Feed import benchmark"): a throwaway PostgreSQL 15 cluster, then SupplyMatch.FeedBench pulls large
# feed files from a loopback HTTP server into it through the service's FeedPuller.
# Usage: bench/feeds-bench.sh [rows=200000] [repetitions=3]
set -euo pipefail
cd "$(dirname "$0")/.."
PG=/usr/lib/postgresql/15/bin
ROOT=$(mktemp -d /tmp/supplymatch-feeds-bench.XXXXXX)
PORT=${PORT:-55498}
mkdir -p "$ROOT/data" "$ROOT/sock"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$ROOT"; fi
chmod 700 "$ROOT/data"; chmod 775 "$ROOT/sock"
as_pg "$PG/initdb" -D "$ROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$PG/pg_ctl" -D "$ROOT/data" -l "$ROOT/pg.log" -w -o "-p $PORT -k $ROOT/sock -c listen_addresses=127.0.0.1" start >/dev/null
cleanup() { as_pg "$PG/pg_ctl" -D "$ROOT/data" -m fast -w stop >/dev/null || true; rm -rf "$ROOT"; }
trap cleanup EXIT

dotnet build bench/SupplyMatch.FeedBench -c Release --nologo -v q >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), PostgreSQL $("$PG/postgres" --version | awk '{print $3}') (default settings)"
echo "before: $(uptime)"
dotnet bench/SupplyMatch.FeedBench/bin/Release/net10.0/linux-x64/SupplyMatch.FeedBench.dll \
  "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres" "${1:-200000}" "${2:-3}" data
echo "after: $(uptime)"
