"""Font choice for the PDF: official-document faces first, TrueType only."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.report import ReportError
from auditor.report import fonts as report_fonts
from auditor.report.fonts import BODY_PREFS, HEITI, ROLE_PREFS, TITLE_PREFS, FontFile, rank


def test_each_official_face_gets_its_nearest_stand_in() -> None:
    found = [
        FontFile("/f/wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei"),
        FontFile("/f/simsun.ttc", 0, "SimSun 宋体"),
        FontFile("/f/simfang.ttf", 0, "FangSong 仿宋"),
        FontFile("/f/simhei.ttf", 0, "SimHei 黑体"),
    ]
    assert rank(found, BODY_PREFS)[0].path == "/f/simfang.ttf"
    assert rank(found, TITLE_PREFS)[0].path == "/f/simsun.ttc"  # 小标宋 is a 宋 face
    assert rank(found, ROLE_PREFS[HEITI])[0].path == "/f/simhei.ttf"
    # ties keep the system's order, so the same machine always picks the same file
    assert rank(found[:1], BODY_PREFS) == found[:1]


def test_a_configured_truetype_font_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_fonts, "_CACHE", {})
    found = next(iter(report_fonts.candidates()), None)
    if found is None:
        pytest.fail("no TrueType CJK font on this machine: run `make fonts` (installs fonts-wqy-zenhei)")
    chosen = report_fonts.setup_fonts(found.path)
    assert chosen.embedded and chosen.files[0].path == found.path and not chosen.warning


def test_a_cff_or_missing_font_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_fonts, "_CACHE", {})
    with pytest.raises(ReportError, match="missing.ttf"):
        report_fonts.setup_fonts(str(tmp_path / "missing.ttf"))


def test_a_parsed_face_comes_back_from_the_cache_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.report.facecache import load_font

    found = next(iter(report_fonts.candidates()), None)
    if found is None:
        pytest.fail("no TrueType CJK font on this machine: run `make fonts` (installs fonts-wqy-zenhei)")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    parsed = load_font("CacheA", found.path, found.index)
    assert list((tmp_path / "fonts").glob("*.pickle"))
    cached = load_font("CacheB", found.path, found.index)
    assert cached.face.charWidths == parsed.face.charWidths and cached.face.charToGlyph == parsed.face.charToGlyph
    assert cached.face.makeSubset([0, ord("中")]) == parsed.face.makeSubset([0, ord("中")])
    (tmp_path / "fonts").joinpath(next((tmp_path / "fonts").glob("*.pickle")).name).write_bytes(b"damaged")
    assert load_font("CacheC", found.path, found.index).face.charWidths == parsed.face.charWidths
