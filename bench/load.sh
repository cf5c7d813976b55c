#!/usr/bin/env bash
# Load benchmark: gunicorn (2 workers, gunicorn.conf.py, production settings) on SQLite and on
# PostgreSQL, each with its own demo-loaded database; wrk holds 32 connections for 60 s over a
# mix of real pages in several languages, search and /healthz. Prints req/s, p99, errors and
# the workers' peak RSS in the first and in the last 10 s (memory growth shows as a rise).
#
#   bench/load.sh                 # both databases
#   bench/load.sh sqlite          # one of them
#   DURATION=20 CONNECTIONS=16 bench/load.sh
#
# A same-box figure (wrk shares the CPUs with gunicorn), not production capacity.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK=${BENCH_DIR:-/tmp/plikt-bench}
PG_BASE=${PG_BASE:-postgres://postgres@127.0.0.1:5432}
mkdir -p "$WORK"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-bench-only-$(date +%s)-not-secret-xxxxxxxxxxxxxxxx}
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_STATIC_ROOT="$WORK/static"
export DJANGO_MEDIA_ROOT="$WORK/media"
unset DJANGO_DEBUG REDIS_URL

prepare() {  # $1 = DATABASE_URL
    export DATABASE_URL=$1
    "$PY" -m plikt.i18n.catalogs
    "$PY" manage.py migrate --noinput -v0 >/dev/null
    "$PY" manage.py createcachetable
    "$PY" manage.py load_demo_content -v0 >/dev/null
    "$PY" manage.py collectstatic --noinput -v0 >/dev/null
}

paths_lua() {  # every live page in nb and en, search, healthz: a Lua table for wrk
    "$PY" manage.py shell -v0 -c '
from django.utils import translation
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page
paths = []
for page in Page.objects.live().filter(depth__gt=1).specific():
    for code in ("nb", "en", "se"):
        with translation.override(code):
            url = page.get_url()
        if url and url not in paths:
            paths.append(url)
try:
    paths += [reverse("search") + "?q=plikt", "/en" + reverse("search") + "?q=duty"]
except NoReverseMatch:
    pass
paths.append("/healthz")
print("paths = {" + ", ".join(repr(p).replace(chr(39), chr(34)) for p in paths) + "}")
'
}

rss_sampler() {  # $1 = master pid, $2 = output file: "<seconds> <sum of workers' RSS in kB>"
    local start=$SECONDS
    while kill -0 "$1" 2>/dev/null; do
        local total=0
        for child in $(pgrep -P "$1"); do
            total=$((total + $(awk '/^VmRSS/ {print $2}' "/proc/$child/status" 2>/dev/null || echo 0)))
        done
        echo "$((SECONDS - start)) $total" >>"$2"
        sleep 1
    done
}

run() {  # $1 = name, $2 = DATABASE_URL
    local name=$1
    echo "=== $name: preparing a demo database" >&2
    prepare "$2"
    local lua="$WORK/$name.lua"
    paths_lua >"$lua"
    cat >>"$lua" <<'LUA'
local i = 0
request = function()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
LUA
    echo "    $(grep -o '"' "$lua" | wc -l | awk '{print $1/2}') URLs" >&2

    GUNICORN_BIND="127.0.0.1:$PORT" WEB_CONCURRENCY=2 \
        "$GUNICORN" --config gunicorn.conf.py plikt.wsgi >"$WORK/$name-gunicorn.log" 2>&1 &
    master=$!
    trap 'kill $master 2>/dev/null || true' EXIT
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
    kill -0 "$master" || { tail "$WORK/$name-gunicorn.log" >&2; exit 1; }
    wrk -t2 -c8 -d3s -s "$lua" "http://127.0.0.1:$PORT" >/dev/null  # warm up both workers

    local rss="$WORK/$name-rss.txt"
    : >"$rss"
    rss_sampler "$master" "$rss" &
    local sampler=$!
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s -s "$lua" \
        "http://127.0.0.1:$PORT" >"$WORK/$name-wrk.txt"
    kill "$sampler" 2>/dev/null || true
    kill "$master"; wait "$master" 2>/dev/null || true
    trap - EXIT

    local out="$WORK/$name-wrk.txt"
    local rps p99 non2xx sockerr first last
    rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$out"); non2xx=${non2xx:-0}
    sockerr=$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' "$out"); sockerr=${sockerr:-0}
    first=$(awk -v d="$DURATION" '$1 <= 10 && $2 > m {m = $2} END {print m/1024}' "$rss")
    last=$(awk -v d="$DURATION" '$1 >= d - 10 && $2 > m {m = $2} END {print m/1024}' "$rss")
    printf '%-10s %8s req/s  p99 %-8s  non-2xx %s  socket errors %s  workers RSS peak: first 10 s %.1f MB, last 10 s %.1f MB\n' \
        "$name" "$rps" "$p99" "$non2xx" "$sockerr" "$first" "$last"
}

targets=${*:-sqlite postgres}
for target in $targets; do
    case $target in
        sqlite)
            rm -f "$WORK/load.sqlite3"
            run sqlite "sqlite:///$WORK/load.sqlite3" ;;
        postgres)
            db="plikt_bench_load_$$"
            psql -q "$PG_BASE/postgres" -c "CREATE DATABASE $db" >/dev/null
            run postgres "$PG_BASE/$db"
            psql -q "$PG_BASE/postgres" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null ;;
        *) echo "unknown target $target" >&2; exit 2 ;;
    esac
done
