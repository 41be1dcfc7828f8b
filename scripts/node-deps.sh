# Sourced by the scripts that only need node (demo.sh, sim.sh): on a fresh clone, `npm ci` once.
if [ ! -d node_modules/miniprogram-simulate ]; then
  echo "$(basename "$0" .sh): node_modules missing, running npm ci once" >&2
  npm ci --no-audit --no-fund >&2
fi
