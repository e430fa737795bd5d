"""The shop's vocabulary in the shopper's words (context "Terms"), shared by several pages.

`consents`: legal bases, channels, technologies, parties, recipient types; `data`: data
sources, profile fields, order and payment states, retention periods, money. Pages import
these; they import no page.
"""
