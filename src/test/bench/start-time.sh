#!/bin/sh
# Start time of golive, as the README's Scale section gives it: from starting `target/golive run <plans>` to its log
# line `first probe result ...`, timed from outside the process, N starts and their median. The plans are the Scale
# benchmark's (ProbeBenchmark.writePlans: plans of 1,000 http probes) against an nginx this script starts on
# loopback. Not part of the test run. Needs nginx, a JDK 17 and a built target/golive (mvn package) and test classes.
#
#   src/test/bench/start-time.sh [--probes 1] [--starts 5] [--fresh] [--golive target/golive]
#
# Without --fresh every start reuses the data directory (one untimed start first creates it: a restart); with
# --fresh each start gets a new one (the database is created, the migrations run). Each golive is stopped (SIGTERM)
# once its first result is logged. Extra JVM options go through GOLIVE_JAVA_OPTS as usual (e.g. -Xlog:startuptime).
# Logs stay in the temporary folder it prints.
set -eu
cd "$(dirname "$0")/../../.."
probes=1
starts=5
fresh=no
golive=target/golive
while [ $# -gt 0 ]; do
  case $1 in
    --probes) probes=$2; shift 2 ;;
    --starts) starts=$2; shift 2 ;;
    --fresh) fresh=yes; shift ;;
    --golive) golive=$2; shift 2 ;;
    *) echo "usage: $0 [--probes N] [--starts N] [--fresh] [--golive target/golive]" >&2; exit 2 ;;
  esac
done

dir=$(mktemp -d /tmp/golive-start.XXXXXX)
nginx_pid=
golive_pid=
cleanup() {
  [ -n "$golive_pid" ] && kill "$golive_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$dir/nginx-tmp"
cat > "$dir/nginx.conf" <<EOF
worker_processes 1;
error_log $dir/nginx-error.log warn;
pid $dir/nginx.pid;
events { worker_connections 16384; }
http {
  client_body_temp_path $dir/nginx-tmp; proxy_temp_path $dir/nginx-tmp; fastcgi_temp_path $dir/nginx-tmp;
  uwsgi_temp_path $dir/nginx-tmp; scgi_temp_path $dir/nginx-tmp;
  access_log off;
  server { listen 127.0.0.1:$port; default_type application/json; location / { return 200 '{"status":"ok"}'; } }
}
EOF
nginx -p "$dir" -c "$dir/nginx.conf" -g "daemon off; user root;" > "$dir/nginx.out" 2>&1 &
nginx_pid=$!

java -cp target/test-classes:target/golive.jar dev.golive.bench.BenchPlans "$dir/probes" "$probes" "$port"

# one start: prints the ms from starting the process to its first result line (or "none" if it ended without one)
# and the CPU time the process had used by then (user + system, 10 ms resolution: less swayed by a busy machine)
one_start() {
  data=$1
  log=$2
  rm -f "$dir/fifo"
  mkfifo "$dir/fifo"
  t0=$(date +%s%N)
  "$golive" run "$dir/probes" --host 127.0.0.1 --port 0 --data "$data" > "$dir/fifo" 2>&1 &
  golive_pid=$!
  result=none
  while IFS= read -r line; do
    printf '%s\n' "$line" >> "$log"
    case $line in
      *"first probe result"*)
        result=$(( ($(date +%s%N) - t0) / 1000000 ))
        cpu=$(awk '{ print ($14 + $15) * 10 }' "/proc/$golive_pid/stat" 2>/dev/null || echo '?')
        result="$result $cpu"
        kill "$golive_pid" 2>/dev/null || true
        ;;
    esac
  done < "$dir/fifo"
  wait "$golive_pid" 2>/dev/null || true
  golive_pid=
  echo "$result"
}

if [ $fresh = no ]; then
  one_start "$dir/data" "$dir/golive-0.log" > /dev/null
fi
times=
cpus=
i=1
while [ "$i" -le "$starts" ]; do
  if [ $fresh = yes ]; then data=$dir/data-$i; else data=$dir/data; fi
  out=$(one_start "$data" "$dir/golive-$i.log")
  ms=${out%% *}
  cpu=${out#* }
  echo "start $i: $ms ms (CPU $cpu ms)"
  times="$times $ms"
  cpus="$cpus $cpu"
  i=$((i + 1))
done
median() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# shellcheck disable=SC2086
median=$(median $times)
# shellcheck disable=SC2086
median_cpu=$(median $cpus)
kind=restart
[ $fresh = yes ] && kind=fresh
echo "$probes probes, $kind data directory: median $median ms (CPU $median_cpu ms) of $starts starts (logs in $dir)"
