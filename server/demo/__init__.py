"""Deterministic demo data for the reference shop: catalogue, accounts and per-shopper records."""
