import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from tests import demo_db

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
    # wagtail-modeltranslation keeps site root paths in the cache; rolled-back tests must
    # not see another test's pages through it.
    cache.clear()
    yield
    cache.clear()


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
