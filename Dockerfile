# CoopBot: `coopbot run`, configured by environment variables (see README.md).
#
#   docker build -t coopbot .
#   docker run -d --restart unless-stopped -e TELEGRAM_BOT_TOKEN=… -v coopbot-data:/data coopbot
#
# With PostgreSQL, add -e DATABASE_URL=postgresql+psycopg://user:password@host:5432/coopbot.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY . .
RUN pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# tzdata: time zones even where the base image lacks /usr/share/zoneinfo.
COPY --from=build /wheels /wheels
RUN pip install /wheels/*.whl tzdata \
 && rm -rf /wheels

RUN useradd --system --uid 10001 --user-group --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin coopbot \
 && mkdir -p /data \
 && chown coopbot:coopbot /data

# The SQLite file lives in the volume; set DATABASE_URL to use PostgreSQL instead.
ENV DATABASE_URL=sqlite:////data/coopbot.db \
    COOPBOT_TIMEZONE=Europe/Paris
WORKDIR /data
VOLUME ["/data"]
USER coopbot

# TELEGRAM_BOT_TOKEN (required), TELEGRAM_API_BASE_URL, TELEGRAM_BOT_USERNAME:
# given at `docker run`, never baked into the image.
# `coopbot run` migrates the database, then polls; it stops cleanly on SIGTERM.
STOPSIGNAL SIGTERM
CMD ["coopbot", "run"]
