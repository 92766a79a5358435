# The Wayfarer API (and chat page). Runs as an unprivileged user; healthy when /readyz
# answers 200 (the session store is reachable). docker-compose.yml runs it with Redis.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    WAYFARER_HOST=0.0.0.0 \
    WAYFARER_PORT=8000
WORKDIR /app
COPY pyproject.toml README.md ./
COPY backend ./backend
COPY config ./config
COPY web ./web
RUN pip install --no-cache-dir -e . \
    && useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin wayfarer
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/readyz', timeout=2)"]
# SIGTERM: uvicorn stops accepting, finishes the requests in flight, then the memory
# snapshot / Redis connections are closed (give it the stop grace period compose sets).
STOPSIGNAL SIGTERM
CMD ["wayfarer", "serve"]
