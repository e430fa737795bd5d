"""Sign-in: the OAuth 2.0 authorization server, tokens, passwords and request principals."""
