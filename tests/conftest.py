import gc
import os
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from tests import demo_db
from tests.stack_runway import with_stack_runway

# Under pytest-xdist (``make test``), tests that share an expensive per-process fixture must
# run in one worker, or each worker builds it again. Path prefix of the test ids: group.
SHARED_WORKER = {
    "tests/browser/": "browser",  # one live server and one Chromium (tests/browser/conftest.py)
    "tests/plikt/test_privacy.py": "public_crawl",  # public_urls.crawl_once()
    "tests/plikt/test_security.py": "public_crawl",
    "tests/plikt/test_html_valid.py": "public_crawl",
    "tests/plikt/test_varnish.py": "varnish",  # one Varnish and two apps (scale_stack.py)
}


# Tests that start whole process stacks (gunicorn, varnishd, make run, the README's commands
# in a fresh copy of the project) and wait on real clocks: about two minutes of the suite's
# time between them. ``make test`` leaves them out so that it stays quick to run before each
# commit; ``PLIKT_STACK_TESTS=1 make test`` (``make test-all``, and .ci/run) runs them too.
STACK = (
    "tests/plikt/test_varnish.py",
    "tests/plikt/test_scheduler.py",
    "tests/plikt/test_readme_commands.py",
    "tests/plikt/test_make_run.py",
    "tests/plikt/test_production_server.py",
)
STACK_TESTS = os.environ.get("PLIKT_STACK_TESTS") == "1"


def pytest_report_header(config):
    if not STACK_TESTS:
        return [
            f"stack tests ({len(STACK)} files that start servers) left out: "
            "make test-all or PLIKT_STACK_TESTS=1 runs them (CI does)"
        ]
    return []


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup``: each test is its own unit of work, except the groups above.

    pytest-xdist's own loadgroup reads ``xdist_group`` marks from a suffix it writes into the
    test id, which pytest 9 no longer lets a plugin change; this scheduler groups by path.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return _group(nodeid) or nodeid

    # Hand out work in the order the workers collected it (see pytest_collection_modifyitems),
    # not biggest group first.
    config.option.loadscopereorder = False
    return SharedFixtureScheduling(config, log)


def _group(nodeid):
    for prefix, group in SHARED_WORKER.items():
        if nodeid.startswith(prefix):
            return group
    return None


def pytest_configure(config):
    if demo_db.wanted(config):  # pytest-xdist's controller: build the database for the workers
        config.plikt_demo_db = demo_db.Builder(config.rootpath, settings.SETTINGS_MODULE)


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist
def pytest_configure_node(node):
    builder = getattr(node.config, "plikt_demo_db", None)
    if builder is not None:
        node.workerinput[demo_db.WORKER_INPUT_KEY] = builder.worker_input


def pytest_unconfigure(config):
    builder = getattr(config, "plikt_demo_db", None)
    if builder is not None:
        builder.stop()


def _shared_demo_db(config):
    return getattr(config, "workerinput", {}).get(demo_db.WORKER_INPUT_KEY)


@pytest.hookimpl(trylast=True)  # after pytest-django's ordering
def pytest_collection_modifyitems(config, items):
    """While the shared database is being built, workers can only run tests without one: those
    come first (pytest-django puts them last). A group above goes with its database tests."""
    if not STACK_TESTS:
        left_out = [item for item in items if item.nodeid.startswith(STACK)]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not item.nodeid.startswith(STACK)]
    if _shared_demo_db(config):
        # A stable sort: pytest-django's order otherwise.
        items.sort(key=lambda item: _needs_database(item) or bool(_group(item.nodeid)))


# Python's cyclic garbage collector, as tuned for a test run. A worker's heap grows from about
# 230,000 objects after collection (Django, Wagtail, the test modules) to 900,000 (the parsed
# pages the crawls and the self-check walk keep for later tests), and with the default
# thresholds the collector walked all of it again and again: 15 s of the suite's CPU time, 9 s
# of it in full collections (measured with gc.callbacks over one ``make test``). What exists
# once the tests are collected lives to the end, so it is frozen out of every later
# collection, and collections run less often: 6 s in all, and a worker peaks at 450 MB.
GC_THRESHOLDS = (20_000, 10, 100)


def pytest_collection_finish(session):
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    from _pytest import runner  # pytest's own protocol: setup, call, teardown and reports

    return with_stack_runway(lambda: runner.pytest_runtest_protocol(item, nextitem))


def _needs_database(item):
    return bool(item.get_closest_marker("django_db") or "django_db_setup" in item.fixturenames)


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """Every test starts from the demo site; each test's own changes are rolled back."""
    shared = _shared_demo_db(request.config)
    if shared is None:
        request.getfixturevalue("django_db_setup")  # pytest-django's: migrated test database
        with django_db_blocker.unblock():
            call_command("load_demo_content", verbosity=0)
        yield
        return
    # pytest-xdist: the controller built it (with the same migrations and demo content).
    data = demo_db.wait_for(*shared)
    with django_db_blocker.unblock():
        teardown = demo_db.install(data)
    yield
    with django_db_blocker.unblock():
        teardown()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts from the cache state of the demo site, as the one before it left it
    or, when that test changed something, from an empty cache.

    What the cache and ``plikt.cache.shared`` keep is read from the database (site root
    paths, the site, the helplines ...). A test's rows are rolled back, but what was read from
    them would stay: after a test that wrote to the database, changed a setting or put
    anything but such read-through values into the cache (a rate-limit counter, a new
    generation), the cache is emptied. Emptying it after every test instead cost each test's
    first page its whole cold start (40 ms rather than 17 ms, and 16 queries rather than 3).
    """
    watch = _ChangeWatch()
    yield
    if watch.stop():
        cache.clear()


class _ChangeWatch:
    """Whether a test changed the database, the settings or the cache (see _fresh_cache)."""

    # Only the statement's first word is read: a page's SELECT of its wide translated row
    # runs to thousands of characters.
    READ_ONLY = re.compile(r"\s*(SELECT|SAVEPOINT|RELEASE|ROLLBACK)\b", re.IGNORECASE)

    def __init__(self):
        from django.db import connections
        from django.test.signals import setting_changed

        self.changed = False
        self.connections = [connections[alias] for alias in connections]
        for connection in self.connections:
            connection.execute_wrappers.append(self._query)
        setting_changed.connect(self._setting, weak=False)
        self.cache_before = _cache_state()

    def _query(self, execute, sql, params, many, context):
        if not self.changed and not self.READ_ONLY.match(sql):
            self.changed = True
        return execute(sql, params, many, context)

    def _setting(self, **kwargs):
        self.changed = True

    def stop(self) -> bool:
        from django.test.signals import setting_changed

        setting_changed.disconnect(self._setting)
        for connection in self.connections:
            if self._query in connection.execute_wrappers:
                connection.execute_wrappers.remove(self._query)
        if self.changed:
            return True
        after = _cache_state()
        added = after.keys() - self.cache_before.keys()
        kept = all(self.cache_before[key] == after.get(key) for key in self.cache_before)
        return not kept or not all(_read_through(key) for key in added)


def _cache_state() -> dict:
    """The test cache's entries (LocMemCache: {key: pickled value})."""
    return dict(getattr(cache, "_cache", {}))


def _read_through(key: str) -> bool:
    """Entries a reader's page view adds that only repeat what the database says."""
    from plikt.cache import GENERATION_KEY

    name = key.split(":", 2)[-1]  # without the cache's ":<version>:" prefix
    return name == GENERATION_KEY or name.startswith("wagtail_site_root_paths_")


@pytest.fixture(autouse=True)
def _default_language():
    # A test that activates a language and fails (or forgets) must not hand it to the next:
    # modeltranslation writes ``title=`` into the active language's column.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home(db):
    from plikt.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def admin_client(db, client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client
