# syntax=docker/dockerfile:1
# Citizen: one image for every part (API + bot webhook, notifier, migration job); the command
# chooses the part: `serve` (default), `notifier`, `migrate`, `maintenance prune`.

# ---- build: wheels of Citizen and all its dependencies (a compiler for any without one) ----
FROM python:3.11-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md ./
# src/citizen/locales is a symlink to ../../locales: both are copied, and the wheel gets the
# Fluent files inside the package, like the catalogue's data files.
COPY locales ./locales
COPY src ./src
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

# ---- run: slim, no compiler, no sources, a user without privileges ------------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CITIZEN_HOST=0.0.0.0 \
    CITIZEN_PORT=8000
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links=/wheels citizen \
    && rm -rf /wheels \
    && useradd --system --uid 10001 --user-group --home-dir /app --create-home citizen
USER citizen
WORKDIR /app
EXPOSE 8000
# Liveness of `citizen serve`; compose.yaml gives the notifier a check of its own.
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health/live' % os.environ.get('CITIZEN_PORT', '8000'), timeout=2)"
ENTRYPOINT ["citizen"]
CMD ["serve"]
