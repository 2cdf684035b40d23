#!/bin/sh
# Installs a built golive (mvn -q package -DskipTests) Debian-style, the layout deploy/systemd/golive.service runs:
#   /opt/golive/bin/golive      the launcher (target/golive)
#   /opt/golive/lib/golive.jar  the jar, and golive.jsa, its class-data archive, made here for this path
#   /usr/bin/golive             a symlink to the launcher
#   /etc/golive/probes/         your plans (created empty), /etc/golive/env your secrets (not touched)
#   /etc/systemd/system/golive.service
# Usage (as root, from the repository root):  deploy/install.sh
# Environment: PREFIX (/opt/golive), BINDIR (/usr/bin), SYSCONFDIR (/etc), UNITDIR (/etc/systemd/system; "none"
# to skip the unit), GOLIVE_CDS=off (skip the archive; it takes a 15s demo run).
set -eu

cd "$(dirname "$0")/.."
PREFIX=${PREFIX:-/opt/golive}
BINDIR=${BINDIR:-/usr/bin}
SYSCONFDIR=${SYSCONFDIR:-/etc}
UNITDIR=${UNITDIR:-/etc/systemd/system}

for f in target/golive target/golive.jar; do
  if [ ! -f "$f" ]; then
    echo "install.sh: $f is missing: run 'mvn -q package -DskipTests' first" >&2
    exit 1
  fi
done

install -d "$PREFIX/bin" "$PREFIX/lib" "$BINDIR" "$SYSCONFDIR/golive/probes"
install -m 0755 target/golive "$PREFIX/bin/golive"
install -m 0644 target/golive.jar "$PREFIX/lib/golive.jar"
rm -f "$PREFIX/lib/golive.jsa"
ln -sf "$PREFIX/bin/golive" "$BINDIR/golive"

# The archive records the jar's path and time: it is made for the installed jar, by a short run of the demo.
if [ "${GOLIVE_CDS:-on}" != off ]; then
  training=$(mktemp -d)
  if GOLIVE_CDS=dump "$PREFIX/bin/golive" demo --port 0 --service-port 0 --service-tls-port 0 --stop-after 15s \
      --data "$training" > "$training.log" 2>&1 && [ -f "$PREFIX/lib/golive.jsa" ]; then
    chmod 0644 "$PREFIX/lib/golive.jsa"
    echo "class-data archive: $PREFIX/lib/golive.jsa"
  else
    echo "install.sh: no class-data archive (golive starts without it; see $training.log)" >&2
  fi
  rm -rf "$training"
fi

if [ "$UNITDIR" != none ]; then
  install -d "$UNITDIR"
  install -m 0644 deploy/systemd/golive.service "$UNITDIR/golive.service"
  if [ "$UNITDIR" = /etc/systemd/system ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
  echo "next: plans in $SYSCONFDIR/golive/probes/<plan>/, secrets in $SYSCONFDIR/golive/env (0600), then"
  echo "      systemctl enable --now golive"
fi
"$BINDIR/golive" --version
