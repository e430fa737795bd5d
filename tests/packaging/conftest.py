"""Packaging fixtures: a complete personal-data archive exported from a real demo shop."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.archive.export import export_archive
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER


@pytest.fixture
def exported_archive(shop: RunningShop, tmp_path: Path) -> Path:
    """Every section of the first demo shopper's data, as the app's File → Export writes it.

    The shop is stopped afterwards: whatever opens the archive has no shop to talk to, so an
    archive that shows its content was read offline.
    """
    api = api_for(shop, *SHOPPER)
    try:
        path = export_archive(api, tmp_path / "lin.mei-archive.zip").path
    finally:
        api.transport.close()
    shop.stop()
    return path
