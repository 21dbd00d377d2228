"""[records] settings: where the home and the ledger are, the URL forms, and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.config import Config, config_from_dict, load_config
from screening.errors import ConfigError
from screening.records.settings import RecordsSettings, default_home, ledger_url, redact_url

FP = "sha256:" + "ab" * 32


def settings(records: dict, source: str = "", **kw) -> RecordsSettings:
    return RecordsSettings.from_config(config_from_dict({"records": records}, source=source), **kw)


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv("SCREENING_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)


def test_defaults(no_env, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    s = RecordsSettings.from_config(Config())
    assert s.home == tmp_path / ".local" / "share" / "screening"
    assert s.ledger_url == "sqlite://" + str(tmp_path / ".local/share/screening/ledger.sqlite")
    assert s.origin == "screening ledger"
    assert s.required_detectors == ()
    assert s.roster_admin is None
    assert not s.home.exists()            # reading settings never touches the disk


def test_home_resolution_order(no_env, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert RecordsSettings.from_config(Config()).home == tmp_path / "xdg" / "screening"
    monkeypatch.setenv("SCREENING_HOME", str(tmp_path / "env"))
    assert RecordsSettings.from_config(Config()).home == tmp_path / "env"
    s = settings({"home": str(tmp_path / "toml")})
    assert s.home == tmp_path / "toml"
    assert s.ledger_url == "sqlite://" + str(tmp_path / "toml" / "ledger.sqlite")
    s = settings({"home": str(tmp_path / "toml")}, home=tmp_path / "cli")     # --home wins
    assert s.home == tmp_path / "cli"
    assert s.ledger_url == "sqlite://" + str(tmp_path / "cli" / "ledger.sqlite")


def test_relative_xdg_data_home_is_ignored(tmp_path):
    env = {"XDG_DATA_HOME": "relative/dir", "HOME": str(tmp_path)}
    assert default_home(env) == Path.home() / ".local" / "share" / "screening"


def test_relative_paths_resolve_against_the_config_file(tmp_path):
    conf = tmp_path / "office" / "screening.toml"
    conf.parent.mkdir()
    conf.write_text('[records]\nhome = "data"\nledger = "records/ledger.db"\n', encoding="utf-8")
    s = RecordsSettings.from_config(load_config(conf))
    assert s.home == tmp_path / "office" / "data"
    assert s.ledger_url == "sqlite://" + str(tmp_path / "office" / "records" / "ledger.db")


@pytest.mark.parametrize(("value", "expected"), [
    ("sqlite:///srv/x/ledger.sqlite", "sqlite:///srv/x/ledger.sqlite"),
    ("sqlite:////srv/x/ledger.sqlite", "sqlite:///srv/x/ledger.sqlite"),
    ("/srv/x/ledger.sqlite", "sqlite:///srv/x/ledger.sqlite"),
    ("postgresql://u:p@db.example:5432/screening", "postgresql://u:p@db.example:5432/screening"),
    ("postgres://u@db/screening?sslmode=require", "postgres://u@db/screening?sslmode=require"),
])
def test_ledger_url_forms(value, expected):
    assert settings({"ledger": value}).ledger_url == expected


def test_cli_ledger_override_wins(tmp_path):
    s = settings({"ledger": "/srv/a.sqlite"}, ledger=str(tmp_path / "b.sqlite"))
    assert s.ledger_url == "sqlite://" + str(tmp_path / "b.sqlite")


@pytest.mark.parametrize(("records", "words"), [
    ({"ledger": "mysql://u:pw9Xq@h/db"}, "只支持 sqlite:/// 或 postgresql://"),
    ({"ledger": "sqlite://relative.db"}, "sqlite:///绝对路径"),
    ({"ledger": "postgresql://u:pw9Xq@host:5432/"}, "缺少数据库名"),
    ({"ledger": "postgresql://u:pw9Xq@host:notaport/db"}, "格式不对"),
    ({"ledger": "  "}, "必须是非空字符串"),
    ({"ledger": 5}, "必须是非空字符串"),
    ({"origin": "two\nlines"}, "一行文字"),
    ({"origin": " padded"}, "一行文字"),
    ({"required_detectors": "resident_id"}, "检测器名称的列表"),
    ({"required_detectors": ["resident_id", ""]}, "检测器名称的列表"),
    ({"roster_admin": "ab" * 32}, "sha256:<64 位十六进制>"),
    ({"roster_admin": "sha256:1234"}, "sha256:<64 位十六进制>"),
    ({"ledgr": "x"}, "未知项"),
])
def test_invalid_settings_raise_config_error(records, words):
    with pytest.raises(ConfigError) as err:
        settings(records)
    assert words in err.value.message
    assert "pw9Xq" not in err.value.message and "pw9Xq" not in err.value.message_en


def test_records_must_be_a_table():
    with pytest.raises(ConfigError, match="必须是一个表"):
        RecordsSettings.from_config(config_from_dict({"records": "x"}))


def test_values_are_normalised():
    s = settings({"origin": "某县政府办 screening ledger", "roster_admin": FP.upper().replace("SHA256", "sha256"),
                  "required_detectors": ["resident_id", "secret_level_mark", "resident_id"]})
    assert s.origin == "某县政府办 screening ledger"
    assert s.roster_admin == FP
    assert s.required_detectors == ("resident_id", "secret_level_mark")


def test_redact_url_hides_the_password():
    assert redact_url("postgresql://u:s3cr%40t@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert redact_url("postgresql://u@h/db") == "postgresql://u@h/db"
    assert ledger_url("postgresql://u:pw@h/db", Path("/")) == "postgresql://u:pw@h/db"
