"""Pydantic response and request bodies: they define the published OpenAPI document."""
