# Production image: gunicorn serving Django, static files by whitenoise (compressed, hashed).
# Build: docker build -t plikt .
# Release step (once per deploy, not per container):
#   docker run --rm -e DJANGO_SECRET_KEY -e DATABASE_URL plikt \
#       sh -c "python manage.py migrate --noinput && python manage.py createcachetable"
# Run: docker run -p 8000:8000 -e DJANGO_SECRET_KEY -e DATABASE_URL -e DJANGO_ALLOWED_HOSTS plikt
# gunicorn.conf.py also starts the scheduler for scheduled publishing (one acts per database;
# README "Deploying").
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so a code change does not reinstall them: exactly the versions in
# uv.lock, each checked against its hash (what CI tested is what runs). uv, in the version
# pyproject.toml names, only writes the list; pip installs it and uv leaves again.
COPY pyproject.toml uv.lock ./
RUN pip install "uv$(sed -n 's/^required-version = "\(==[^"]*\)".*/\1/p' pyproject.toml)" \
    && uv export --frozen --no-emit-project --format requirements-txt > /tmp/requirements.txt \
    && pip install --no-deps --require-hashes -r /tmp/requirements.txt \
    && pip uninstall --yes uv \
    && rm /tmp/requirements.txt

COPY . .

# UI catalogs (the /se/, /sma/, /smj/ prefixes need them) and hashed, compressed static
# files. The key below only lets settings load at build time; it is never used at run time.
RUN python -m plikt.i18n.catalogs \
    && DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin plikt \
    && mkdir -p /app/media \
    && chown plikt /app/media

USER plikt
EXPOSE 8000

# The load balancer's probe, from inside the container (slim has no curl).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]

CMD ["gunicorn", "--config", "gunicorn.conf.py", "plikt.wsgi"]
