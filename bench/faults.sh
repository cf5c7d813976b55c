#!/usr/bin/env bash
# Faults under load: gunicorn as the Dockerfile runs it (gunicorn.conf.py, 2 workers,
# production settings) on a PostgreSQL and a Redis of this script's own, and wrk holding 32
# connections for 60 s over a mix of pages (nb, en, se), search, the API and /healthz. Three
# runs, one fault each:
#
#   redis     Redis stopped at 20 s, started again at 35 s
#   postgres  PostgreSQL stopped (pg_ctl -m fast) at 20 s, started again at 35 s
#   worker    one gunicorn worker killed with SIGKILL at 20 s (gunicorn starts another)
#
# and prints, for each, the count of responses by status (in all, and for the cacheable pages
# apart), wrk's socket errors, and the statuses per 5 s. Nothing here touches the shared
# servers: the PostgreSQL cluster and the Redis live under $WORK and listen on their own ports.
#
#   bench/faults.sh                     # all three
#   bench/faults.sh postgres            # one of them
#   PORT=8165 REDIS_PORT=8166 PG_PORT=8167 DURATION=60 CONNECTIONS=32 bench/faults.sh
#
# Needs wrk (apt-get install wrk), redis-server and PostgreSQL's server binaries
# (/usr/lib/postgresql/*/bin); as root, initdb and pg_ctl run as the postgres user.
# A same-box figure (wrk shares the CPUs with gunicorn), not production capacity.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-32}
FAULT_AT=${FAULT_AT:-20}
RECOVER_AT=${RECOVER_AT:-35}
PORT=${PORT:-$(free_port)}
REDIS_PORT=${REDIS_PORT:-$(free_port)}
PG_PORT=${PG_PORT:-$(free_port)}
WORK=${BENCH_DIR:-/tmp/plikt-faults}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install redis-server" >&2; exit 2; }
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL's initdb is missing: apt-get install postgresql" >&2; exit 2; }

mkdir -p "$WORK"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg() {  # start | stop
    local options="-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1"
    as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -o "$options" -l "$WORK/pg/log" -m fast -w "$1" >/dev/null
}
redis() {  # start | stop
    if [ "$1" = start ]; then
        redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
            --daemonize yes --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log"
        for _ in $(seq 50); do [ -s "$WORK/redis.pid" ] && break; sleep 0.1; done
    else
        kill "$(cat "$WORK/redis.pid")" && rm -f "$WORK/redis.pid"
    fi
}

cleanup() {
    [ -n "${master:-}" ] && kill "$master" 2>/dev/null || true
    [ -s "$WORK/redis.pid" ] && redis stop 2>/dev/null || true
    [ -f "$WORK/pg/data/postmaster.pid" ] && pg stop 2>/dev/null || true
}
trap cleanup EXIT

echo "=== servers: PostgreSQL on $PG_PORT, Redis on $REDIS_PORT, gunicorn on $PORT" >&2
if [ ! -d "$WORK/pg/data" ]; then
    mkdir -p "$WORK/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$WORK/pg"; }
    as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
fi
pg start
redis start

export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-faults-only-$(date +%s)-not-secret-xxxxxxxxxxxxxxxx}
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_STATIC_ROOT="$WORK/static"
export DJANGO_MEDIA_ROOT="$WORK/media"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/plikt"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
unset DJANGO_DEBUG

echo "=== preparing the database (migrate, demo content, static files)" >&2
"$PY" -c "import psycopg; c = psycopg.connect('postgres://postgres@127.0.0.1:$PG_PORT/postgres', autocommit=True)
if not c.execute(\"SELECT 1 FROM pg_database WHERE datname = 'plikt'\").fetchone(): c.execute('CREATE DATABASE plikt')"
"$PY" -m plikt.i18n.catalogs >/dev/null 2>&1
"$PY" manage.py migrate --noinput -v0 >/dev/null
"$PY" manage.py load_demo_content -v0 >/dev/null
"$PY" manage.py collectstatic --noinput -v0 >/dev/null

# Pages (cached after their first view), and what always needs the database.
lua="$WORK/faults.lua"
"$PY" manage.py shell -v0 -c '
from django.utils import translation
from wagtail.models import Page
pages = []
for page in Page.objects.live().filter(depth__gt=1).specific()[:40]:
    for code in ("nb", "en", "se"):
        with translation.override(code):
            url = page.get_url()
        if url and url not in pages:
            pages.append(url)
other = ["/sok/?q=vold", "/en/search/?q=violence", "/api/v2/offences/?lang=en&limit=5",
         "/healthz"]
quote = lambda items: "{" + ", ".join(chr(34) + p + chr(34) for p in items) + "}"
print("pages = " + quote(pages))
print("other = " + quote(other))
' >"$lua"
cat >>"$lua" <<'LUA'
-- One wrk per kind ("page" or "other", the argument after --), so that each response is
-- counted under the kind of request it answers.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
    paths = args[1] == "page" and pages or other
    counts, started, i = {}, os.time(), 0
end
function request()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
function response(status, headers, body)
    local second = os.time() - started
    local key = status .. " " .. (second - second % 5)
    counts[key] = (counts[key] or 0) + 1
end
function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        for key, n in pairs(thread:get("counts")) do total[key] = (total[key] or 0) + n end
    end
    for key, n in pairs(total) do io.write("COUNT ", key, " ", n, "\n") end
    local e = summary.errors
    io.write("SOCKET connect ", e.connect, " read ", e.read, " write ", e.write,
             " timeout ", e.timeout, "\n")
    io.write("REQUESTS ", summary.requests, "\n")
end
LUA

start_gunicorn() {
    GUNICORN_BIND="127.0.0.1:$PORT" WEB_CONCURRENCY=2 \
        "$GUNICORN" --config gunicorn.conf.py plikt.wsgi >>"$WORK/gunicorn.log" 2>&1 &
    master=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.2; done
    tail "$WORK/gunicorn.log" >&2; exit 1
}

fault() {  # $1 = redis | postgres | worker; runs in the background during the load
    sleep "$FAULT_AT"
    case $1 in
        redis) redis stop ;;
        postgres) pg stop ;;
        worker) kill -9 "$(pgrep -P "$master" | head -1)" ;;
    esac
    echo "    $(date +%T) fault: $1" >&2
    [ "$1" = worker ] && return
    sleep $((RECOVER_AT - FAULT_AT))
    case $1 in
        redis) redis start ;;
        postgres) pg start ;;
    esac
    echo "    $(date +%T) recovered: $1" >&2
}

report() {  # $1 = name; reads $WORK/$1-page.txt and $WORK/$1-other.txt
    local requests
    requests=$(cat "$WORK/$1-page.txt" "$WORK/$1-other.txt" | awk '/^REQUESTS/ {n += $2} END {print n}')
    echo
    echo "== $1: ${DURATION}s, $CONNECTIONS connections, fault at ${FAULT_AT}s$([ "$1" = worker ] || echo ", recovery at ${RECOVER_AT}s"); $((requests / DURATION)) req/s"
    for kind in page other; do
        local out="$WORK/$1-$kind.txt"
        printf '   %-6s %s\n' "$([ $kind = page ] && echo pages || echo other)" \
            "$(awk '/^COUNT/ {n[$2] += $4} END {for (s in n) printf "%s: %d  ", s, n[s]}' "$out")"
        sed -n 's/^SOCKET/          socket errors:/p' "$out"
    done
    echo "   by 5 s (window start   pages status:count   | other status:count):"
    awk '/^COUNT/ {k = $3 + 0; w[k] = 1; if (FILENAME ~ /-page.txt$/) p[k] = p[k] " " $2 ":" $4; else o[k] = o[k] " " $2 ":" $4}
         END {n = asorti(w, keys, "@ind_num_asc"); for (i = 1; i <= n; i++) {k = keys[i]; printf "     %3ss  %-28s |%s\n", k, p[k], o[k]}}' \
        "$WORK/$1-page.txt" "$WORK/$1-other.txt"
}

targets=${*:-redis postgres worker}
for target in $targets; do
    case $target in redis | postgres | worker) ;; *) echo "unknown fault $target" >&2; exit 2 ;; esac
    echo "=== $target" >&2
    : >"$WORK/gunicorn.log"
    start_gunicorn
    wrk -t2 -c8 -d3s -s "$lua" "http://127.0.0.1:$PORT" -- page >/dev/null  # warm up
    fault "$target" &
    faulter=$!
    # Three quarters of the connections read pages (cached after their first view), a quarter
    # what always needs the database.
    wrk -t2 -c$((CONNECTIONS * 3 / 4)) -d"${DURATION}s" --timeout 10s -s "$lua" \
        "http://127.0.0.1:$PORT" -- page >"$WORK/$target-page.txt" &
    pages=$!
    wrk -t1 -c$((CONNECTIONS / 4)) -d"${DURATION}s" --timeout 10s -s "$lua" \
        "http://127.0.0.1:$PORT" -- other >"$WORK/$target-other.txt"
    wait "$pages" "$faulter"
    kill "$master"; wait "$master" 2>/dev/null || true
    master=
    [ -s "$WORK/redis.pid" ] || redis start
    [ -f "$WORK/pg/data/postmaster.pid" ] || pg start
    report "$target"
    printf '   errors logged: %s; log lines without a request id: %s\n' \
        "$(grep -c '"level": "ERROR"' "$WORK/gunicorn.log" || true)" \
        "$(grep '"logger": "django' "$WORK/gunicorn.log" | grep -c '"request_id": "-"' || true)"
done
