#!/usr/bin/env bash
# Service benchmarks (bench/README.md, "Service benchmarks"): a throwaway PostgreSQL, the API in Release on it, the load generator on loopback.
# Usage: [SEED=true] [DATA=dir] [ROUNDS_ONLY=true] bench/service-bench.sh [round-from round-to]   (dates CST)
#   SEED=true seeds DATA/demo (default: the repository's data/demo) into the empty database before the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
PG=/usr/lib/postgresql/15/bin
ROOT=$(mktemp -d /tmp/supplymatch-bench.XXXXXX)
PORT=55499
mkdir -p "$ROOT/data" "$ROOT/sock"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$ROOT"; fi
chmod 700 "$ROOT/data"; chmod 775 "$ROOT/sock"
as_pg "$PG/initdb" -D "$ROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$PG/pg_ctl" -D "$ROOT/data" -l "$ROOT/pg.log" -w -o "-p $PORT -k $ROOT/sock -c listen_addresses=127.0.0.1" start >/dev/null
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  as_pg "$PG/pg_ctl" -D "$ROOT/data" -m fast -w stop >/dev/null || true
}
trap cleanup EXIT

dotnet build src/SupplyMatch.Api -c Release --nologo -v q >/dev/null
dotnet build bench/SupplyMatch.LoadTest -c Release --nologo -v q >/dev/null
(
  cd src/SupplyMatch.Api/bin/Release/net10.0/linux-x64
  exec env ASPNETCORE_ENVIRONMENT=Development \
    ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres;Maximum Pool Size=50" \
    SupplyMatch__SeedDemoData="${SEED:-false}" ${DATA:+SupplyMatch__DataPath="$DATA"} Logging__LogLevel__Default=Warning Urls=http://127.0.0.1:5080 \
    dotnet SupplyMatch.Api.dll >"$ROOT/server.log" 2>&1
) &
SERVER_PID=$!
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:5080/health/ready >/dev/null && break; sleep 1; done

LT="dotnet bench/SupplyMatch.LoadTest/bin/Release/net10.0/SupplyMatch.LoadTest.dll"
uptime
if [ "${ROUNDS_ONLY:-false}" != true ]; then
for c in 1 2 3; do $LT intake --url http://127.0.0.1:5080 --batches 20 --batch-size 10000 --concurrency "$c"; done
$LT latency --url http://127.0.0.1:5080 --rate 200 --seconds 30
fi
if [ $# -eq 2 ]; then $LT round --url http://127.0.0.1:5080 --from "$1" --to "$2" --runs 3; fi
uptime
