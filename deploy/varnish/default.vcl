# Varnish 7 (Debian's varnish package) in front of Plikt's app containers.
#
#   readers ─▶ TLS proxy ─▶ Varnish (this file) ─▶ app containers (backends.vcl)
#
# What it does (README "Running at scale" explains each choice):
# - caches public pages and the hashed static files for as long as the app's Cache-Control
#   says (pages: s-maxage=PLIKT_PAGE_CACHE_SECONDS; static files: a year, immutable);
#   a response that does not say how long it may be kept is not kept;
# - passes the admin (previews live there too), Wagtail's sign-in for private pages,
#   search, every query string, and anyone who sends a session cookie (editors);
# - drops every cookie a reader's browser sends and every Set-Cookie meant for a reader;
# - accepts PURGE (Wagtail's frontend cache, FRONTEND_CACHE_PURGE_URL) only from the
#   addresses in the `purgers` ACL;
# - serves a stale copy for up to 6 hours while every app is down (grace), 10 s otherwise.
#
# Deployment-specific parts (app addresses, who may purge) are in backends.vcl, which this
# file includes from vcl_path (Debian: /etc/varnish). Copy both files there.
# Check:  varnishd -C -f /etc/varnish/default.vcl > /dev/null
vcl 4.1;

import directors;
import std;

# /healthz answers 200 while the app reaches its database and 503 when not.
probe healthz {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 1s;
    .window = 5;
    .threshold = 3;
}

# Defines the backends (with .probe = healthz), a director object called `app` and the
# ACL `purgers`.
include "backends.vcl";

sub vcl_recv {
    unset req.http.X-Plikt-Editor;  # set below, never by a client
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }

    # Healthy apps: at most 10 s past a page's lifetime, while it is refreshed in the
    # background. All apps down (probe failing): the object's whole grace (6 h).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }

    # Editors: the admin and its previews, Wagtail's sign-in for private pages, and any
    # request with a session. Never cached, cookies both ways.
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^(/[a-z]{2,3})?/_util/"
        || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        set req.http.X-Plikt-Editor = "1";
        return (pass);
    }

    # Readers: nothing their browser keeps (a csrftoken left by an old admin visit, or
    # anything else) reaches the app or splits the cache.
    unset req.http.Cookie;

    # Search words and self-check answers travel in query strings: never stored in a shared
    # cache. Filtered lists are cheap for the app and a purge names only the plain URL.
    if (req.url ~ "\?" || req.url ~ "^(/[a-z]{2,3})?/search/") {
        return (pass);
    }
    # Then the built-in rules: GET and HEAD only, Authorization passes.
}

sub vcl_hash {
    # The port the client used is not part of the page, and Wagtail's PURGE names the
    # site's host with a port only when the Site has an unusual one: leave it out of both.
    hash_data(req.url);
    if (req.http.host) {
        hash_data(regsub(std.tolower(req.http.host), ":[0-9]+$", ""));
    } else {
        hash_data(server.ip);
    }
    return (lookup);
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.X-Cache = "hit-stale";
    } else {
        set req.http.X-Cache = "hit";
    }
}

sub vcl_miss {
    set req.http.X-Cache = "miss";
}

sub vcl_pass {
    set req.http.X-Cache = "pass";
}

sub vcl_backend_fetch {
    unset bereq.http.X-Plikt-Editor;
    unset bereq.http.X-Cache;
}

sub vcl_backend_response {
    # A failed refresh never replaces the copy readers are getting.
    if (bereq.is_bgfetch && beresp.status >= 500) {
        return (abandon);
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Only what the app says may be kept is kept (pages and static files say so; error
    # pages, redirects and the API do not): no default lifetime.
    if (beresp.http.Cache-Control !~ "(?i)(s-maxage|max-age)=[1-9]" && !beresp.http.Expires) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    set beresp.grace = 6h;
    # One request's id must not be replayed to every later reader of the copy.
    unset beresp.http.X-Request-ID;
    # Pages leave the app uncompressed; static files come gzipped from whitenoise.
    if (!beresp.http.Content-Encoding
        && beresp.http.Content-Type ~ "^(text/|application/(json|javascript|xml))") {
        set beresp.do_gzip = true;
    }
    # Then the built-in rules: Set-Cookie, private, no-store, no-cache or Vary: * are not
    # kept.
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    set resp.http.X-Cache = req.http.X-Cache;
    if (!req.http.X-Plikt-Editor) {
        # Public pages set no cookie; should one ever slip through, no reader gets it.
        unset resp.http.Set-Cookie;
    }
}
