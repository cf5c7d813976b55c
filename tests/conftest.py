import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo site; each test's own changes are rolled back."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # wagtail-modeltranslation keeps site root paths in the cache; rolled-back tests must
    # not see another test's pages through it.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    from plikt.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def admin_client(db, client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client
