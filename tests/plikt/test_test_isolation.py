"""The suite's own isolation: what one test changed never reaches the next (tests/conftest.py).

The cache is kept between tests only when a test changed nothing a later test could see.
"""

import pytest
from django.core.cache import cache

from guidance.models import Helpline
from tests.conftest import _ChangeWatch


@pytest.mark.django_db
def test_a_test_that_only_reads_keeps_the_warm_cache(client):
    watch = _ChangeWatch()
    assert client.get("/").status_code == 200  # fills the generation and site root paths
    assert watch.stop() is False


@pytest.mark.django_db
def test_a_test_that_writes_a_row_empties_the_cache():
    watch = _ChangeWatch()
    helpline = Helpline.objects.first()
    helpline.save()
    assert watch.stop() is True


@pytest.mark.django_db
def test_a_test_that_stores_its_own_value_in_the_cache_empties_it():
    watch = _ChangeWatch()
    cache.set("rate-limit:127.0.0.1", 3)
    assert watch.stop() is True


def test_a_test_that_changes_a_setting_empties_the_cache(settings):
    watch = _ChangeWatch()
    settings.PLIKT_PAGE_CACHE_SECONDS = 60
    assert watch.stop() is True
