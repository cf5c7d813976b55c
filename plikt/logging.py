"""Structured logs without personal data.

- ``JsonFormatter``: one JSON object per line (time, level, logger, message, request id,
  status, and the traceback when there is one). Deliberately a few lines of stdlib: log
  shippers read JSON lines without any agent-side parsing rules.
- ``RequestIdFilter``: adds the current request's id (set by plikt.middleware) to every
  record, so all lines of one request can be found together.
- ``StripQueryStringFilter``: cuts ``?...`` from URLs in messages. Query strings hold search
  words and self-check answers, which can say a lot about a reader.

What is logged about a request: method, path without query, status, size, duration and the
request id. Not logged: client IP, user agent, referrer, cookies, query strings.

gunicorn's access log is routed here too (gunicorn.conf.py): its record's args are
gunicorn's "atoms" dict, from which the JSON line takes the fields above.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

request_id_var = contextvars.ContextVar("request_id", default="-")
# Where the id of the request being handled is kept in its WSGI environ.
ENVIRON_KEY = "plikt.request_id"
# A caller's id is kept when it looks like one (a UUID, a CDN's trace id): short, plain
# characters, so it can neither forge log lines nor carry a payload.
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


def begin_request(environ) -> str:
    """Give the request in ``environ`` its id: the proxy's X-Request-ID, or a new one.

    Connected to ``request_started``, so the id is set before Django's handler runs and stays
    set until ``request_finished``: Django logs 4xx responses ("Not Found: ...") and
    responses of middleware that answers early (the /healthz 503) after the middleware chain
    has returned, which a middleware's own try/finally would no longer cover.
    """
    incoming = environ.get("HTTP_X_REQUEST_ID", "")
    request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
    environ[ENVIRON_KEY] = request_id
    request_id_var.set(request_id)
    return request_id


def end_request(**kwargs) -> None:
    request_id_var.set("-")


def _request_started(sender, environ=None, **kwargs):
    if environ is not None:
        begin_request(environ)


def connect_signals() -> None:
    """Called from PliktConfig.ready()."""
    from django.core.signals import request_finished, request_started

    request_started.connect(_request_started, dispatch_uid="plikt-request-id-started")
    request_finished.connect(end_request, dispatch_uid="plikt-request-id-finished")


# A path followed by a query string, as found in request lines and URLs.
_QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")


def strip_query(text: str) -> str:
    return _QUERY.sub(r"\1", text)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class StripQueryStringFilter(logging.Filter):
    """Remove query strings from a record's message and arguments, in place."""

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = strip_query(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                strip_query(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        elif isinstance(record.args, dict) and record.name != "gunicorn.access":
            record.args = {
                key: strip_query(value) if isinstance(value, str) else value
                for key, value in record.args.items()
            }
        return True


# gunicorn access-log atoms worth keeping (see gunicorn's glogging.Logger.atoms).
_ACCESS_FIELDS = {"m": "method", "U": "path", "s": "status", "B": "bytes", "M": "duration_ms"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            atoms = record.args
            entry["message"] = "request"
            for atom, field in _ACCESS_FIELDS.items():
                entry[field] = atoms[atom]  # gunicorn's SafeAtoms answers "-" when missing
            entry["request_id"] = atoms["{x-request-id}o"]
            if str(entry["status"]).isdigit():
                entry["status"] = int(entry["status"])
        else:
            entry["message"] = strip_query(record.getMessage())
            entry["request_id"] = getattr(record, "request_id", "-")
            status = getattr(record, "status_code", None)
            if status is not None:
                entry["status"] = status
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
