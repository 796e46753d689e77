"""Chinese fonts for the PDF: a configured path, else the system's TrueType CJK fonts.

ReportLab embeds only TrueType outlines (CFF/OTF such as Noto Sans CJK are rejected),
so candidates are tried in order and the first that loads wins. Without any, the
built-in STSong-Light CID font is used: the PDF then does not embed its font, which
is why the caller gets a warning.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from auditor.report import ReportError

CID_FALLBACK = "STSong-Light"
FALLBACK_WARNING = (
    "未找到可嵌入的 TrueType 中文字体，报告改用内置的 STSong-Light 字体，PDF 未嵌入字体，"
    "在未安装中文字体的电脑上可能无法正常显示；请安装中文字体（如 fonts-wqy-zenhei）"
    "或在单位概况中设置报告字体路径。"
)

# The official-document faces (GB/T 9704) and the family keywords that can stand in, best first.
FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
_SONG = ("宋体", "simsun", "songti", "song", "ming")
ROLE_PREFS: dict[str, tuple[str, ...]] = {
    FANGSONG: ("仿宋", "fangsong", "simfang", *_SONG),
    XIAOBIAOSONG: ("小标宋", "xiaobiaosong", "中宋", "zhongsong", *_SONG, "黑体", "simhei", "heiti", "hei"),
    HEITI: ("黑体", "simhei", "heiti", "hei"),
    KAITI: ("楷体", "kaiti", "simkai", "kai"),
    SONGTI: _SONG,
}
BODY_PREFS = ROLE_PREFS[FANGSONG]
TITLE_PREFS = ROLE_PREFS[XIAOBIAOSONG]

# Windows and macOS keep their Chinese fonts at known paths; family names for ranking.
_WINDOWS = (
    ("simfang.ttf", "FangSong 仿宋"), ("simhei.ttf", "SimHei 黑体"), ("simsun.ttc", "SimSun 宋体"),
    ("simkai.ttf", "KaiTi 楷体"), ("STZHONGS.TTF", "STZhongsong 中宋"), ("msyh.ttc", "Microsoft YaHei"),
)
_MACOS = (
    ("/System/Library/Fonts/Supplemental/Songti.ttc", "Songti 宋体"),
    ("/Library/Fonts/Songti.ttc", "Songti 宋体"),
    ("/System/Library/Fonts/STHeiti Medium.ttc", "Heiti 黑体"),
    ("/System/Library/Fonts/STHeiti Light.ttc", "Heiti 黑体"),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", "Arial Unicode"),
    ("/Library/Fonts/Arial Unicode.ttf", "Arial Unicode"),
)
_LINUX_FILES = ("wqy-zenhei.ttc", "wqy-microhei.ttc", "uming.ttc", "ukai.ttc")


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int = 0
    family: str = ""


@dataclass(frozen=True)
class Fonts:
    """Registered font names per official face, and what stands in for each."""

    body: str
    title: str
    heiti: str
    kaiti: str
    songti: str
    embedded: bool
    files: tuple[FontFile, ...] = ()
    """The files loaded, body first."""
    faces: tuple[str, ...] = ()
    """Every registered face, for characters the body face lacks."""
    line: str = ""
    """One line saying which font stands in for which (仿宋_GB2312→AR PL UMing CN …)."""
    warning: str = ""


def setup_fonts(configured: str = "") -> Fonts:
    """Register the fonts of one report (cached per process: parsing a TTF is slow)."""
    key = configured.strip()
    if key not in _CACHE:
        _CACHE[key] = _setup(key)
    return _CACHE[key]


_CACHE: dict[str, Fonts] = {}
_SERIAL = itertools.count()


def _setup(configured: str) -> Fonts:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    n = next(_SERIAL)  # names unique per setup: ReportLab's registry is global to the process
    if configured:
        path = Path(configured).expanduser()
        font = _load(FontFile(str(path)), f"AuditorFace{n}_0")
        if font is None:
            raise ReportError(
                f"单位概况中设置的报告字体 {path} 无法使用（文件不存在，或不是 TrueType 字体）；"
                "请改为 .ttf/.ttc 字体文件的路径，或清空该设置让程序自动查找。"
            )
        pdfmetrics.registerFont(font)
        name = f"AuditorFace{n}_0"
        line = f"PDF 字体：各级标题和正文均用 {path.name}"
        return Fonts(name, name, name, name, name, True, (FontFile(str(path)),), (name,), line)
    chosen = _choose(list(candidates()), n)
    if chosen is None:
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        f = CID_FALLBACK
        return Fonts(f, f, f, f, f, False, (), (f,), "", FALLBACK_WARNING)
    roles, files = chosen
    for name, _ in files.values():
        _family(name, roles[HEITI][0])
    line = "PDF 字体替代：" + "，".join(f"{role}→{_display(ff)}" for role, (_, ff) in roles.items())
    return Fonts(roles[FANGSONG][0], roles[XIAOBIAOSONG][0], roles[HEITI][0], roles[KAITI][0],
                 roles[SONGTI][0], True, tuple(ff for _, ff in files.values()),
                 tuple(name for name, _ in files.values()), line)


def _choose(found: list[FontFile], n: int) -> tuple[dict[str, tuple[str, FontFile]],
                                                    dict[tuple[str, int], tuple[str, FontFile]]] | None:
    """For each face the best file that loads; a file shared by faces is parsed once."""
    from reportlab.pdfbase import pdfmetrics

    files: dict[tuple[str, int], tuple[str, FontFile]] = {}
    bad: set[tuple[str, int]] = set()

    def load(ff: FontFile) -> tuple[str, FontFile] | None:
        key = (ff.path, ff.index)
        if key not in files and key not in bad:
            name = f"AuditorFace{n}_{len(files)}"
            font = _load(ff, name)
            if font is None:
                bad.add(key)
                return None
            pdfmetrics.registerFont(font)
            files[key] = (name, ff)
        return files.get(key)

    roles: dict[str, tuple[str, FontFile]] = {}
    for role, prefs in ROLE_PREFS.items():
        ranked = [f for f in rank(found, prefs) if _score(f, prefs) < len(prefs)]
        pick = next((got for f in ranked if (got := load(f)) is not None), None)
        if pick is None:
            pick = roles.get(FANGSONG) or next((got for f in found if (got := load(f)) is not None), None)
        if pick is None:
            return None
        roles[role] = pick
    return roles, files


def _display(f: FontFile) -> str:
    return f.family.split(",")[0].strip() or Path(f.path).name


def _family(normal: str, bold: str) -> None:
    """Let <b> in a paragraph switch to the 黑体 face instead of failing."""
    from reportlab.lib.fonts import addMapping

    addMapping(normal, 0, 0, normal)
    addMapping(normal, 1, 0, bold)
    addMapping(normal, 0, 1, normal)
    addMapping(normal, 1, 1, bold)


def _load(f: FontFile, name: str) -> object | None:
    from reportlab.pdfbase.ttfonts import TTFError

    from auditor.report.facecache import load_font

    try:
        return load_font(name, f.path, f.index)
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        return None


def _first_loading(files: Iterable[FontFile], name: str) -> tuple[FontFile, object] | None:
    for f in files:
        font = _load(f, name)
        if font is not None:
            return f, font
    return None


def _score(f: FontFile, prefs: tuple[str, ...]) -> int:
    family = f.family.lower()
    for i, key in enumerate(prefs):
        if key in family:
            return i
    return len(prefs)


def rank(files: list[FontFile], prefs: tuple[str, ...]) -> list[FontFile]:
    """Files by preference (stable: the system's own order breaks ties)."""
    return sorted(files, key=lambda f: _score(f, prefs))


def candidates() -> Iterator[FontFile]:
    """TrueType CJK fonts of this machine: Windows and macOS paths, then fontconfig."""
    seen: set[tuple[str, int]] = set()
    for f in _platform_candidates():
        if (f.path, f.index) not in seen and Path(f.path).is_file():
            seen.add((f.path, f.index))
            yield f


def _platform_candidates() -> Iterator[FontFile]:
    if sys.platform == "win32":
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        for name, family in _WINDOWS:
            yield FontFile(str(folder / name), 0, family)
    if sys.platform == "darwin":
        for path, family in _MACOS:
            yield FontFile(path, 0, family)
    yield from _fontconfig()


def _fontconfig() -> Iterator[FontFile]:
    exe = shutil.which("fc-list")
    if exe is None:
        for folder in ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts")):
            for name in _LINUX_FILES:
                for found in sorted(Path(folder).rglob(name)) if Path(folder).is_dir() else ():
                    yield FontFile(str(found), 0, found.stem)
        return
    try:
        out = subprocess.run(
            [exe, "--format", "%{file}|%{index}|%{family}\n", ":lang=zh:fontformat=TrueType"],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return
    # fc-list order is arbitrary; sort so the same machine always picks the same font.
    for line in sorted(out.splitlines()):
        path, _, rest = line.partition("|")
        index, _, family = rest.partition("|")
        if path.lower().endswith((".ttf", ".ttc")):
            yield FontFile(path, int(index) if index.isdigit() else 0, family)
