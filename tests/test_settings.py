from pathlib import Path

import pytest

from krapte.errors import ConfigError
from krapte.settings import Settings


def test_defaults_put_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    s = Settings.from_env({"KRAPTE_DATA_DIR": str(tmp_path)})
    assert s.database_url == f"sqlite:///{tmp_path / 'krapte.sqlite'}"
    assert s.lang == "nl"
    assert s.cache_dir == tmp_path / "cache"


def test_bad_language_names_value_and_fix() -> None:
    with pytest.raises(ConfigError) as err:
        Settings.from_env({"KRAPTE_LANG": "fr"})
    assert "'fr'" in str(err.value) and "'nl' or 'en'" in str(err.value)


def test_bad_number_names_variable() -> None:
    with pytest.raises(ConfigError, match="KRAPTE_MAX_UPLOAD_MB='lots'"):
        Settings.from_env({"KRAPTE_MAX_UPLOAD_MB": "lots"})
