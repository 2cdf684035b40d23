#!/bin/sh
# The Scale benchmark of the README: golive (the real daemon, target/golive, as its own process) and
# blackbox_exporter (Debian prometheus-blackbox-exporter) probing one nginx that the benchmark starts on loopback.
# Not part of the test run. Prints one table. Needs nginx, prometheus-blackbox-exporter, a JDK 17 and Maven.
#
#   src/test/bench/bench.sh [--probes 10000] [--interval 10s] [--duration 10m] [--warm-up 2m] [--cpu-hog]
#                           [--keep-alive true|false] [--no-blackbox] [--golive target/golive]
#
# --warm-up is how long both run before the measured window (default three intervals, at least 30 s; the JIT
# compiler keeps a core busy for a minute or two after a start, so measure CPU after --warm-up 2m);
# --cpu-hog keeps every core busy with one spinning process each (bounded by the run's length);
# --keep-alive writes keep-alive: into every probe (when golive's http probe has that option).
# BENCH_BUILD=no skips the build (mvn package and the test classpath).
set -eu
cd "$(dirname "$0")/../../.."
if [ "${BENCH_BUILD:-yes}" != no ]; then
  mvn -q package -DskipTests
  mvn -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.golive.bench.ProbeBenchmark "$@"
