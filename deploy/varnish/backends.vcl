# What differs per deployment: where the app containers are, and who may purge.
# Included by default.vcl; keep the names `app` and `purgers`.

# Every app container (gunicorn, the Dockerfile's CMD), probed on /healthz.
backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;  # gunicorn's own worker timeout
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = healthz;
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

# The app containers (they send PURGE on publish) and this host. Never the TLS proxy in
# front: every reader's request arrives from its address.
acl purgers {
    "127.0.0.1";
    "::1";
}
