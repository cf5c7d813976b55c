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
from datetime import UTC, datetime

request_id_var = contextvars.ContextVar("request_id", default="-")

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
