#!/usr/bin/env bash
# deploy/start-nginx.sh RUN_DIR LISTEN SERVER... : fills in deploy/nginx.conf as RUN_DIR/nginx.conf and runs nginx in
# the foreground (it replaces this script, so stopping this process stops nginx) as the current user, with its pid,
# logs and temporary files in RUN_DIR. LISTEN is nginx's address ("127.0.0.1:8080", or "8080" for every interface);
# each SERVER is a SupportBot process ("127.0.0.1:5081"). Used by run-cluster.sh and by the tests through nginx.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 RUN_DIR LISTEN SERVER..." >&2; exit 2; }
command -v nginx >/dev/null 2>&1 || { echo "nginx is not installed (Debian: apt-get install nginx)" >&2; exit 1; }
template="$(cd "$(dirname "$0")" && pwd)/nginx.conf"
mkdir -p "$1"
run=$(cd "$1" && pwd)
listen=$2
shift 2

# Each process twice: passed over for 5 s after it fails, and again as a backup with no such memory, which nginx
# turns to when it has passed over every process (a rolling restart quicker than 5 s a process); without it nginx
# answers 502 "no live upstreams" while every process is up again.
servers=""
for server in "$@"; do
  servers+="        server $server max_fails=1 fail_timeout=5s;"$'\n'
done
for server in "$@"; do
  servers+="        server $server backup max_fails=0;"$'\n'
done
# nginx started by root hands its workers to "nobody" unless told otherwise; as anyone else it runs as that user.
user_line=""
[ "$(id -u)" -ne 0 ] || user_line="user root;"

conf=$(<"$template")
conf=${conf//@RUN_DIR@/$run}
conf=${conf//@LISTEN@/$listen}
conf=${conf//@USER_LINE@/$user_line}
conf=${conf//@SERVERS@/${servers%$'\n'}}
printf '%s\n' "$conf" > "$run/nginx.conf"
exec nginx -p "$run" -e "$run/error.log" -c "$run/nginx.conf" -g 'daemon off;'
