FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY backend ./backend
COPY config ./config
COPY web ./web
RUN pip install --no-cache-dir -e .
EXPOSE 8000
CMD ["wayfarer", "serve", "--host", "0.0.0.0", "--port", "8000"]
