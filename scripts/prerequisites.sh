# Shared by run.sh and test.sh: find or install what SupportBot needs, or say exactly what is missing.
# Sourced, not run.

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# Tiered compilation then starts re-optimising a hot method at once instead of waiting for a 100 ms lull in start-up
# compiling, which under load never comes; with the start-up warm-up (WarmUp:Turns) a new process serves near its
# warm rate from its first seconds (docs/performance.md, "Cold start"). Servers started by hand want it too.
export DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"
# The garbage collector's smallest gen0 budget, 16 MB (hex). The runtime sizes it from what it reads of the CPU's
# caches; on the VM the benchmarks run on it chose so small a budget that the server collected 47-49 times a second
# under load and was paused a fifth of the time; 16 MB halved the time paused and gave 6% more turns a second at 6%
# less CPU a turn (medians of three pairs) for 12 MB more memory.
# Only the environment sets it (the runtime ignores it in runtimeconfig.json); 0 restores the runtime's choice.
# Figures: docs/performance.md, "The garbage collector's gen0 budget".
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x1000000}"

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 \
    || die "the .NET 10 SDK is missing: install it from https://dot.net (e.g. 'apt-get install dotnet-sdk-10.0' from Microsoft's package feed), then run this again."
  local major
  major=$(dotnet --version 2>/dev/null | cut -d. -f1)
  [ "${major:-0}" -ge 10 ] || die "the .NET SDK is $(dotnet --version); SupportBot needs 10 or later."
}

# Runs a command as root: directly, or through sudo without a password prompt.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

APT_UPDATED=""
# apt_install PACKAGE... : installs the Debian packages that are not installed yet. Fails (returns 1) if it cannot.
apt_install() {
  local missing=()
  for package in "$@"; do
    # Installed, not merely known: a package removed without --purge still answers `dpkg -s` (its config files stay).
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || { say "no apt-get here to install: ${missing[*]}"; return 1; }
  say "installing ${missing[*]} (apt-get)"
  if [ -z "$APT_UPDATED" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || { say "cannot run apt-get as root (no root, no passwordless sudo)"; return 1; }
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

require_node() {
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm || die "Node.js and npm are missing and could not be installed: install Node.js 20+ with npm."
  fi
}

# npm_install DIR : installs DIR's npm packages unless they are already in place for its package-lock.json.
npm_install() {
  local dir=$1
  if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  say "installing npm packages in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed in $dir"
}

# A TCP port nobody listens on, for private servers.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

# start_redis PORT DIR [persist] : starts a private redis-server; its pid file and log go in DIR.
start_redis() {
  local port=$1 dir=$2 persist=${3:-}
  mkdir -p "$dir"
  local durability=(--save '' --appendonly no)
  [ -n "$persist" ] && durability=(--appendonly yes --dir "$dir")
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" "${durability[@]}" \
    || return 1
  for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# start_postgres PORT DIR : a private PostgreSQL cluster with its data, log and unix socket in DIR, listening on
# 127.0.0.1:PORT, user "supportbot" with trust authentication (a throwaway test server). initdb and postgres refuse
# to run as root, so as root they run as the postgres account (Debian's package makes it), which then owns DIR.
start_postgres() {
  local port=$1 dir=$2 bin run=()
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bin" ] || bin=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")
  [ -x "$bin/initdb" ] || return 1
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || return 1
    chown postgres "$dir"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$dir/data" -U supportbot -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || return 1
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null || return 1
  echo "$bin" > "$dir/bin"
}

# stop_postgres DIR : stops the cluster start_postgres started in DIR (fast shutdown) and waits until it has gone.
stop_postgres() {
  local dir=$1 run=()
  [ -f "$dir/bin" ] && [ -f "$dir/data/postmaster.pid" ] || return 0
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$(cat "$dir/bin")/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# stop_redis DIR : stops the redis-server started in DIR and waits (up to 10 s) until it has gone.
stop_redis() {
  local dir=$1 pid
  [ -f "$dir/redis.pid" ] || return 0
  pid=$(cat "$dir/redis.pid")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
}

# wait_gone PID... : waits until each of this shell's children PID has exited. `wait` alone returns early when a
# signal's trap runs (a second Ctrl+C while stopping); this waits again until the process is really gone.
wait_gone() {
  local pid
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null; do wait "$pid" 2>/dev/null || true; done
  done
}

# directline_secret DIR : exports DirectLine__Secret for tokens/generate: yours, or one made once in DIR/directline-secret.
directline_secret() {
  local dir=$1
  [ -z "${DirectLine__Secret:-}" ] || return 0
  [ -s "$dir/directline-secret" ] || head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$dir/directline-secret"
  export DirectLine__Secret="$(cat "$dir/directline-secret")"
}

# demo_agents DIR : unless you configure your own agents, exports four demo agents for the console at /agent/ with one
# password, made once in DIR/agent-password, and sets agents_note to say how to sign in.
demo_agents() {
  local dir=$1 hash i j agent id name role languages r language
  [ -z "${Agents__Accounts__0__Id:-}" ] || return 0
  [ -s "$dir/agent-password" ] || head -c 24 /dev/urandom | base64 | tr -d '/+=\n' | head -c 16 > "$dir/agent-password"
  if [ ! -s "$dir/agent-password-hash" ] || [ "$dir/agent-password" -nt "$dir/agent-password-hash" ]; then
    say "building the maintainer CLI to hash the demo agents' password (once)"
    dotnet build src/SupportBot.Cli -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
    dotnet src/SupportBot.Cli/bin/Release/net10.0/supportbot.dll agents hash-password < "$dir/agent-password" > "$dir/agent-password-hash"
  fi
  hash="$(cat "$dir/agent-password-hash")"
  i=0
  for agent in "anna:Anna:supervisor,maintainer:" "somchai:Somchai:agent:th,en" "olga:Olga:agent:ru,en" "layla:Layla:agent:ar,en"; do
    IFS=: read -r id name role languages <<< "$agent"
    export "Agents__Accounts__${i}__Id=$id" "Agents__Accounts__${i}__Name=$name" "Agents__Accounts__${i}__PasswordHash=$hash"
    export "Agents__Accounts__${i}__Roles__0=agent"
    j=1
    for r in ${role//,/ }; do [ "$r" = agent ] || export "Agents__Accounts__${i}__Roles__${j}=$r"; j=$((j + 1)); done
    j=0
    for language in ${languages//,/ }; do export "Agents__Accounts__${i}__Languages__${j}=$language"; j=$((j + 1)); done
    i=$((i + 1))
  done
  agents_note="agent console at /agent/: sign in as anna (supervisor; maintainer page at /maintainer/), somchai, olga or layla with the password in $dir/agent-password"
}
