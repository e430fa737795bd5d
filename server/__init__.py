"""The reference shop privacy API server: FastAPI over SQLAlchemy 2 (SQLite or PostgreSQL)."""
