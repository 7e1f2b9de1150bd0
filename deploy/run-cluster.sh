#!/usr/bin/env bash
# deploy/run-cluster.sh [N] : N SupportBot processes (3 by default) behind nginx on this machine, sharing one Redis.
# nginx listens on CLUSTER_PORT (8080; CLUSTER_LISTEN to bind elsewhere than 127.0.0.1) and spreads Direct Line,
# its WebSockets and the agents' hub over the processes, which listen on 127.0.0.1 from CLUSTER_FIRST_SERVER_PORT
# (5081) up. Redis as run.sh finds it: Redis__ConnectionString if set, else a redis-server on SUPPORTBOT_REDIS_PORT
# (6379), started here if none answers. The processes take DirectLine__Secret and every other setting from the
# environment, as run.sh does. Logs, nginx's files and the secrets made for this checkout are in .run/cluster.
# Ctrl+C or SIGTERM stops nginx, then the processes (gracefully), then the Redis this script started.
# --archive-worker: one more process, behind no load balancer, copies conversations into the archive, and the N
# processes serving customers run without the worker (Archive__Worker=false): its work stays out of their turns. It
# runs at nice 10, so the kernel gives the cores to turns first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh

archive_worker=""
if [ "${1:-}" = --archive-worker ]; then archive_worker=1; shift; fi
count=${1:-3}
[[ "$count" =~ ^[1-9][0-9]?$ && $# -le 1 ]] || die "usage: deploy/run-cluster.sh [--archive-worker] [N], N the number of server processes (1-99)"
cluster_port=${CLUSTER_PORT:-8080}
listen=${CLUSTER_LISTEN:-127.0.0.1}:$cluster_port
first_port=${CLUSTER_FIRST_SERVER_PORT:-5081}
run=.run/cluster
mkdir -p "$run"

say "checking the prerequisites (.NET 10 SDK, Node.js, redis-server, nginx)"
require_dotnet
require_node
npm_install src/SupportBot.Web
command -v nginx >/dev/null 2>&1 || apt_install nginx || die "nginx is missing and could not be installed: apt-get install nginx"

redis_port=${SUPPORTBOT_REDIS_PORT:-6379}
redis_started=""
if [ -z "${Redis__ConnectionString:-}" ]; then
  if redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
    say "using the Redis already running on port $redis_port"
  else
    command -v redis-server >/dev/null 2>&1 || apt_install redis-server || die "a cluster needs Redis: redis-server is missing and could not be installed"
    say "starting Redis on port $redis_port (data in $run/redis)"
    start_redis "$redis_port" "$PWD/$run/redis" persist || die "redis-server did not start (see $run/redis/redis.log)"
    redis_started=1
  fi
  export Redis__ConnectionString=127.0.0.1:$redis_port
fi

directline_secret .run
demo_agents .run

say "building SupportBot (Release)"
dotnet build src/SupportBot.Web -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null || die "the build failed: run 'dotnet build src/SupportBot.Web -c Release' to see why"

servers=()
pids=()
nginx_pid=""
# A second Ctrl+C or SIGTERM while stopping ends nginx and the processes at once; the Redis started here is still stopped.
stop() {
  trap 'kill -KILL $nginx_pid "${pids[@]}" 2>/dev/null || true' INT TERM
  trap - EXIT
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
    say "stopping nginx"
    kill -TERM "$nginx_pid" 2>/dev/null || true
    wait_gone "$nginx_pid"
  fi
  if [ ${#pids[@]} -gt 0 ]; then
    say "stopping the SupportBot processes (each finishes its turns in progress)"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait_gone "${pids[@]}"
  fi
  if [ -n "$redis_started" ]; then
    say "stopping Redis"
    stop_redis "$PWD/$run/redis"
  fi
}
trap 'stop; exit 143' TERM
trap 'stop; exit 130' INT
trap stop EXIT

serving=()
[ -n "$archive_worker" ] && serving=(env Archive__Worker=false)
for i in $(seq "$count"); do
  port=$((first_port + i - 1))
  say "starting SupportBot process $i on 127.0.0.1:$port (log in $run/server-$i.log)"
  (cd src/SupportBot.Web && exec "${serving[@]}" dotnet bin/Release/net10.0/SupportBot.Web.dll --urls "http://127.0.0.1:$port") > "$run/server-$i.log" 2>&1 &
  pids+=($!)
  servers+=("127.0.0.1:$port")
done
all=("${servers[@]}")
if [ -n "$archive_worker" ]; then
  port=$((first_port + count))
  say "starting the archive worker's process on 127.0.0.1:$port, behind no load balancer (log in $run/archive-worker.log)"
  # Niced as a whole (its collector's threads too), as Archive:WorkerNice nices the worker's thread in a serving process.
  (cd src/SupportBot.Web && exec nice -n 10 dotnet bin/Release/net10.0/SupportBot.Web.dll --urls "http://127.0.0.1:$port") > "$run/archive-worker.log" 2>&1 &
  pids+=($!)
  all+=("127.0.0.1:$port")
fi

for i in $(seq "${#all[@]}"); do
  ready=""
  for _ in $(seq 240); do
    if curl -fsS -o /dev/null --max-time 2 "http://${all[$((i - 1))]}/healthz" 2>/dev/null; then ready=1; break; fi
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || break
    sleep 0.5
  done
  [ -n "$ready" ] || die "SupportBot process $i does not answer on ${all[$((i - 1))]}: see $run/server-$i.log or $run/archive-worker.log"
done

say "starting nginx on $listen (its logs in $run/nginx)"
deploy/start-nginx.sh "$run/nginx" "$listen" "${servers[@]}" &
nginx_pid=$!
url=http://127.0.0.1:$cluster_port
for _ in $(seq 40); do
  curl -fsS -o /dev/null --max-time 2 "$url/healthz" 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || die "nginx did not start: see $run/nginx/error.log"
  sleep 0.25
done
say "SupportBot is ready: open $url in a browser ($count processes behind nginx${archive_worker:+, the archive worker in one more}); the Direct Line secret is in .run/directline-secret"
[ -n "${agents_note:-}" ] && say "$agents_note"
say "Ctrl+C stops everything"
wait "$nginx_pid"
