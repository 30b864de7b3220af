import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded photos go to a folder of their own for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
