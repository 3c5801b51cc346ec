"""The README and docs/ stand alone: every link resolves inside the repository, and no
address leaves the machine (government networks are offline; users get no dead links)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", ROOT / "ARCHITECTURE.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")
ADDRESS = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s)>`'\"]+", re.IGNORECASE)
LOCAL = re.compile(r"^(https?|redis|(postgresql|mysql|mariadb)(\+\w+)?)://([^@/\s]+@)?(127\.0\.0\.1|localhost|…)", re.IGNORECASE)


def broken_links(page: Path) -> list[str]:
    found = []
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if ADDRESS.match(target):
            continue  # addresses are checked below
        path = target.split("#", 1)[0]
        if path and not (page.parent / path).exists():
            found.append(f"{page.relative_to(ROOT)} links to {target}")
    return found


def outside_addresses(page: Path) -> list[str]:
    return [f"{page.relative_to(ROOT)}: {address}"
            for address in ADDRESS.findall(page.read_text(encoding="utf-8"))
            if not LOCAL.match(address)]


def test_every_link_resolves_inside_the_repository():
    assert [b for page in PAGES for b in broken_links(page)] == []


def test_no_page_points_outside_this_machine():
    assert [a for page in PAGES for a in outside_addresses(page)] == []


def test_the_checks_catch_what_they_look_for(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("[ok](page.md) [gone](docs/nowhere.md#x) see https://example.org/x and "
                    "http://127.0.0.1:8000/graphql and `postgresql://…`\n", encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert broken_links(page) == ["page.md links to docs/nowhere.md#x"]
        assert outside_addresses(page) == ["page.md: https://example.org/x"]
    finally:
        ROOT = saved


def test_the_readme_reads_in_five_minutes():
    """About 1,000 words a five-minute read; the rest belongs in docs/."""
    words = len((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert words <= 1200, f"the README has {words} words; move detail to docs/"
