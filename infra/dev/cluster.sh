#!/usr/bin/env bash
# Three SmpAcademy hosts (HTTP + Orleans silo each) on this machine, in one Orleans cluster through ADO.NET
# clustering on one private PostgreSQL: what infra/compose and infra/k8s run, without containers.
# Everything lives under .data/cluster/ (database, shared signing keys, one log per silo). Ctrl+C stops it all.
#   bash infra/dev/cluster.sh                      # hosts on http://127.0.0.1:5081, :5082, :5083
#   SMP_CLUSTER_SILOS=5 bash infra/dev/cluster.sh  # more silos
#   kill -9 "$(cat .data/cluster/silo-2.pid)"      # lose one abruptly; its sessions come back on the others
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/dev/prerequisites.sh
require_dotnet
require_postgres

silos=${SMP_CLUSTER_SILOS:-3}
pg_port=${SMP_CLUSTER_PG_PORT:-5433}
data=$(pwd)/.data/cluster
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
bin=${SMP_POSTGRES_BIN:-$bin}
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi   # initdb refuses root

echo "==> building the server"
dotnet build src/SmpAcademy.Host -c Release --nologo -v quiet >/dev/null

mkdir -p "$data/postgres" "$data/socket"
chmod 755 "$data"
if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$data/postgres" "$data/socket"; fi
if [ ! -f "$data/postgres/PG_VERSION" ]; then
  echo "==> creating a PostgreSQL cluster in $data/postgres"
  "${as_pg[@]}" "$bin/initdb" -D "$data/postgres" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "==> stopping the silos and PostgreSQL"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${as_pg[@]}" "$bin/pg_ctl" -D "$data/postgres" -m fast -w stop >/dev/null 2>&1 || true
}
trap stop INT TERM EXIT

echo "==> starting PostgreSQL on 127.0.0.1:$pg_port"
"${as_pg[@]}" "$bin/pg_ctl" -D "$data/postgres" -l "$data/postgres/server.log" -w -t 60 \
  -o "-p $pg_port -k $data/socket -c listen_addresses=127.0.0.1" start >/dev/null
"$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'smp'" | grep -q 1 \
  || "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE smp"

start_silo() { # index
  local i=$1
  Smp__DataDirectory="$data" Smp__DemoSignIn=true Smp__RateLimits__Scale=1000 \
  ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=smp;Application Name=smp-silo-$i" \
  Orleans__ClusteringMode=AdoNet Orleans__ClusterId=smp-local Orleans__AdvertisedIP=127.0.0.1 \
  Orleans__SiloPort=$((11110 + i)) Orleans__GatewayPort=$((30000 + i)) \
  Orleans__Membership__ProbeTimeout=00:00:02 Orleans__Membership__NumMissedProbesLimit=2 \
    dotnet src/SmpAcademy.Host/bin/Release/net10.0/SmpAcademy.Host.dll --urls "http://127.0.0.1:$((5080 + i))" \
    >"$data/silo-$i.log" 2>&1 &
  pids+=($!)
  echo $! >"$data/silo-$i.pid"
}

wait_ready() { # index
  local url="http://127.0.0.1:$((5080 + $1))/health/ready"
  for _ in $(seq 1 120); do
    curl -sf "$url" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "silo $1 was not ready in 120 s; see $data/silo-$1.log" >&2
  return 1
}

# The first silo alone, so it creates the shared signing keys before the others read them.
echo "==> starting silo 1"
start_silo 1
wait_ready 1
for i in $(seq 2 "$silos"); do echo "==> starting silo $i"; start_silo "$i"; done
for i in $(seq 2 "$silos"); do wait_ready "$i"; done

echo
echo "SmpAcademy cluster of $silos silos (ADO.NET clustering on PostgreSQL 127.0.0.1:$pg_port, cluster smp-local):"
for i in $(seq 1 "$silos"); do
  echo "  silo $i: http://127.0.0.1:$((5080 + i))   log $data/silo-$i.log   pid $(cat "$data/silo-$i.pid")"
done
echo "Any host serves any session; sign in on one, use the token on all (one signing key):"
echo "  curl -s -X POST http://127.0.0.1:5081/api/dev/tokens -H 'Content-Type: application/json' -d '{\"userId\":\"ada\",\"role\":\"trainee\"}'"
echo "Lose a silo abruptly with: kill -9 \$(cat $data/silo-2.pid)    Stop all with Ctrl+C."
wait
