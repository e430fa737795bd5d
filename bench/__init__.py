"""Benchmarks that print the figures in the README's performance table."""
