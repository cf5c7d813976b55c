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
# - serves a stale copy for up to 6 hours while every app is down (grace), 10 s otherwise;
#   with no copy, a plain error page with the police's numbers, in Norwegian or English.
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
    .timeout = 2s;  # a busy app is slow, not down
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
    # No app answered and there is no copy to serve: instead of Varnish's own error page, the
    # words of the site's error page (templates/500.html and its Norwegian translation; keep
    # them alike), with the police's numbers. English under /en/, Norwegian elsewhere (the
    # Sámi pages fall back to Norwegian).
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    if (bereq.url ~ "^/en(/|$)") {
        set beresp.body = {"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Something went wrong – Plikt</title></head>
<body>
<h1>Something went wrong</h1>
<p>The page could not be shown because of an error on our side. Please try again in a few minutes.</p>
<p>If someone is in danger now, call the police on <a href="tel:112">112</a>. If you are unsure, call the police on <a href="tel:02800">02800</a> for advice.</p>
<p><a href="/en/">Go to the front page</a></p>
</body>
</html>
"};
    } else {
        set beresp.body = {"<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Noe gikk galt – Plikt</title></head>
<body>
<h1>Noe gikk galt</h1>
<p>Siden kunne ikke vises på grunn av en feil hos oss. Prøv igjen om noen minutter.</p>
<p>Er noen i fare nå, ring politiet på <a href="tel:112">112</a>. Er du usikker, kan du ringe politiet på <a href="tel:02800">02800</a> og få råd.</p>
<p><a href="/">Gå til forsiden</a></p>
</body>
</html>
"};
    }
    return (deliver);
}

sub vcl_deliver {
    set resp.http.X-Cache = req.http.X-Cache;
    # s-maxage was for this cache, which publishing purges; a shared cache further out would
    # not be purged, so it and the browser get only max-age (a minute).
    if (resp.http.Cache-Control ~ "s-maxage") {
        set resp.http.Cache-Control = regsub(resp.http.Cache-Control, ",?\s*s-maxage=[0-9]+", "");
    }
    if (!req.http.X-Plikt-Editor) {
        # Public pages set no cookie; should one ever slip through, no reader gets it.
        unset resp.http.Set-Cookie;
    }
}
