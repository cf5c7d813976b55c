"""Reproducible installs (README "Dependencies"): uv.lock pins every Python package with its
hashes, matches pyproject.toml, and is what `make install` and the Dockerfile install."""

import os
import re
import shlex
import subprocess
import sys
import tomllib

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
UV = os.path.join(os.path.dirname(sys.executable), "uv")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
LOCK = tomllib.loads((ROOT / "uv.lock").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def uv(*args):
    if not os.path.exists(UV):
        pytest.skip(f"no uv at {UV}: `make install` puts it into .venv")
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    return subprocess.run(  # noqa: S603 - the environment's own uv
        [UV, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def name_of(requirement):
    return re.match(r"[A-Za-z0-9._-]+", requirement).group(0).lower().replace("_", "-")


def test_the_lockfile_matches_pyproject():
    result = uv("lock", "--check")
    assert result.returncode == 0, f"{result.stderr}\nRun `make lock` and commit uv.lock."


def test_every_locked_package_comes_from_pypi_pinned_with_hashes():
    packages = [package for package in LOCK["package"] if package["name"] != "plikt"]
    wanted = (
        PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["dev"]
    )
    assert {name_of(r) for r in wanted} <= {package["name"] for package in packages}
    for package in packages:
        assert package["source"] == {"registry": "https://pypi.org/simple"}, package["name"]
        assert re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", package["version"]), package["name"]
        files = package.get("wheels", []) + ([package["sdist"]] if "sdist" in package else [])
        assert files, package["name"]
        for file in files:
            assert re.fullmatch(r"sha256:[0-9a-f]{64}", file["hash"]), (package["name"], file)


def test_make_installs_the_locked_versions_and_refuses_a_stale_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert "$(UV) sync --locked --extra dev" in makefile
    required = PYPROJECT["tool"]["uv"]["required-version"]
    assert required.startswith("==")  # one uv everywhere, installed by make and the Dockerfile
    installed = uv("--version").stdout.split()[1]
    assert f"=={installed}" == required


def test_the_image_installs_only_the_run_time_packages_each_with_its_hash():
    command = re.search(r"&& uv (export [^>\n]+?)\s*>", DOCKERFILE)
    assert command, "the Dockerfile exports its requirements from uv.lock"
    assert "pip install --no-deps --require-hashes -r" in DOCKERFILE
    result = uv(*shlex.split(command.group(1)))
    assert result.returncode == 0, result.stderr
    pinned = dict(re.findall(r"^([a-z0-9._-]+)==(\S+)", result.stdout, re.MULTILINE))
    assert {name_of(r) for r in PYPROJECT["project"]["dependencies"]} <= {
        name.replace("_", "-") for name in pinned
    }
    for tool in ("pytest", "playwright", "ruff", "hypothesis", "djhtml"):
        assert tool not in pinned, f"{tool} would be in the production image"
    # Every requirement carries hashes: pip's --require-hashes refuses the list otherwise.
    for block in re.split(r"\n(?=[a-z0-9])", result.stdout.split("\n", 2)[-1].strip()):
        assert "--hash=sha256:" in block, block
    versions = {package["name"]: package["version"] for package in LOCK["package"]}
    assert all(versions[name] == version for name, version in pinned.items())
