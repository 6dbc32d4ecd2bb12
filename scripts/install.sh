#!/usr/bin/env bash
# Installs finwire as a systemd service on Debian 12: the binaries (finwire, finwire-serve), the units and a configuration.
#   sudo scripts/install.sh            (run from a clone; needs Swift to build)
# An existing /etc/finwire/config.json is kept. Logs: journalctl -u finwire; health: finwire status.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo)" >&2; exit 1; }
scripts/install-deps.sh
swift build -c release --product finwire
install -m 0755 "$(swift build -c release --show-bin-path)/finwire" /usr/local/bin/finwire
# `finwire serve` runs finwire-serve from beside finwire: a package of its own (Serve/), see README.
swift build -c release --package-path Serve --product finwire-serve
install -m 0755 "$(swift build -c release --package-path Serve --show-bin-path)/finwire-serve" /usr/local/bin/finwire-serve
install -d -m 0755 /etc/finwire
if [ ! -f /etc/finwire/config.json ]; then
  # The bundled configuration, with the database in the service's state directory.
  sed 's#"database": *"[^"]*"#"database": "/var/lib/finwire/finwire.sqlite"#' config.json > /etc/finwire/config.json
  chmod 0644 /etc/finwire/config.json
fi
install -m 0644 systemd/finwire.service /etc/systemd/system/finwire.service
# The live view is installed, not started: `systemctl enable --now finwire-serve` (loopback unless a token is set).
install -m 0644 systemd/finwire-serve.service /etc/systemd/system/finwire-serve.service
systemctl daemon-reload
systemctl enable --now finwire.service
systemctl --no-pager status finwire.service || true
echo "installed: edit /etc/finwire/config.json, then: systemctl reload finwire"
