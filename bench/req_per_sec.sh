#!/usr/bin/env bash
# Requests per second, side by side: pages from the full-page cache, the same pages rendered
# every time (PLIKT_PAGE_CACHE_SECONDS=0), and a static file served by whitenoise from the same
# gunicorn (2 workers): the ceiling. Target: cached pages >= 50 % of the static file's req/s.
#
#   source your-env.sh   # DATABASE_URL (demo content loaded), REDIS_URL, DJANGO_SECRET_KEY,
#                        # DJANGO_ALLOWED_HOSTS=127.0.0.1, DJANGO_SECURE_SSL_REDIRECT=0,
#                        # DJANGO_STATIC_ROOT (collectstatic done)
#   bench/req_per_sec.sh [seconds per run, default 10]
#
# Uses /work/shared/tools/load (wrk; median of 3 runs). Same-box figures: wrk shares the CPUs.
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD=${LOAD:-/work/shared/tools/load}
DURATION=${1:-10}
PORT=${PORT:-8788}
BASE="http://127.0.0.1:$PORT"
PAGES=("/" "/en/" "/lovbrudd/" "/hva-kan-du-gjore/slik-avverger-du/")

serve() {  # $1 = page cache seconds
    PLIKT_PAGE_CACHE_SECONDS=$1 .venv/bin/gunicorn plikt.wsgi --workers 2 \
        --bind "127.0.0.1:$PORT" >/dev/null 2>&1 &
    SERVER=$!
    for _ in $(seq 50); do curl -fs -o /dev/null "$BASE/healthz" && return; sleep 0.2; done
    echo "gunicorn did not start" >&2; exit 1
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
rps() { "$LOAD" "$1" --c 16 --d "${DURATION}s" --runs 3 --warmup 2s 2>/dev/null | head -1 |
    python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["median_rps"])'; }

for mode in 600 0; do
    serve "$mode"
    label=$([ "$mode" = 0 ] && echo uncached || echo cached)
    if [ "$mode" = 600 ]; then
        css=$(curl -fs "$BASE/" | grep -o '/static/css/plikt[^"]*\.css' | head -1)
        echo "static $css: $(rps "$BASE$css") req/s"
    fi
    for page in "${PAGES[@]}"; do
        curl -fs -o /dev/null "$BASE$page"  # fill the cache
        echo "$label $page: $(rps "$BASE$page") req/s"
    done
    stop
done
