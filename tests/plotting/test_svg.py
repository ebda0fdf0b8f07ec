"""SVG files that look the same outside matplotlib: common fonts only, math
as Unicode characters of that font, distinct ids, and (where chromium is
installed) a browser's rendering that matches matplotlib's PNG."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter

import numpy as np
import pytest
from typer.testing import CliRunner

from actviz.cli.app import app
from actviz.plotting.portable import PORTABLE_FONTS, portable_math

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# What a browser, PowerPoint, Keynote or Inkscape resolves everywhere: the portable
# fonts, a monospaced twin of the first, and the generic family at the end of the list.
ALLOWED_FONTS = {*PORTABLE_FONTS, "DejaVu Sans Mono", "sans-serif", "monospace"}
PICTURES = {  # the README's examples that broke on a slide
    "compare": ["compare", "relu", "elu", "selu"],
    "gelu": ["plot", "gelu", "-d"],
    "second": ["plot", "relu", "-d", "--second"],
}


def _write(tmp_path, name: str, suffix: str, *extra: str):
    target = tmp_path / f"{name}.{suffix}"
    result = runner.invoke(app, [*PICTURES[name], "-o", str(target), *extra])
    assert result.exit_code == 0, result.output
    return target


def _font_families(svg_text: str) -> set[str]:
    families = set()
    for declaration in re.findall(r"font-family:\s*([^;\"]+)", svg_text):
        families |= {name.strip().strip("'\"") for name in declaration.split(",")}
    return families


@pytest.fixture(scope="module", params=[("compare", "light"), ("gelu", "dark"), ("second", "light")],
                ids=lambda param: "-".join(param))
def svg(request, tmp_path_factory):
    name, theme = request.param
    return _write(tmp_path_factory.mktemp(name), name, "svg", "--theme", theme)


def test_svg_names_only_common_fonts_and_no_matplotlib_math_fonts(svg):
    text = svg.read_text()
    assert _font_families(text) <= ALLOWED_FONTS, _font_families(text) - ALLOWED_FONTS
    assert not re.search(r"cmsy10|cmmi10|cmex10|cmr10|STIX", text)


def test_svg_ids_are_distinct(svg):
    root = ET.parse(svg).getroot()
    ids = Counter(element.get("id") for element in root.iter() if element.get("id"))
    assert [i for i, n in ids.items() if n > 1] == []


def test_primes_are_unicode_characters_in_the_text():
    # a one-letter name gets a thin space before its primes (the italic f's hook covered them);
    # \sigma and \mathrm{ReLU} do not
    assert portable_math(r"slope $f''(x)$, $\sigma'$ and $\mathrm{ReLU}'(x) = \mathbb{1}[x > 0]$ isn't math") == (
        r"slope $f\,″(x)$, $\sigma′$ and $\mathrm{ReLU}′(x) = \mathbf{1}[x > 0]$ isn't math")


def test_svg_keeps_the_prime_and_radical_as_characters(tmp_path):
    texts = "".join(ET.parse(_write(tmp_path, "gelu", "svg")).getroot().itertext())
    assert "′" in texts and "√" in texts


def _ink(path, level: int) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(path).convert("L")) < level


def _grown(mask: np.ndarray, radius: int = 2) -> np.ndarray:
    from PIL import Image, ImageFilter

    image = Image.fromarray(mask.astype(np.uint8) * 255).filter(ImageFilter.MaxFilter(2 * radius + 1))
    return np.asarray(image) > 0


def stray_ink(first, second, radius: int = 2) -> int:
    """Dark pixels of either image farther than ``radius`` pixels from every
    pixel of the other that has any ink at all: 0 when the two differ only by
    antialiasing and sub-pixel placement; a glyph missing, replaced (f⁰ for f′)
    or moved (a detached radical) leaves tens to hundreds (98 for
    ``plot gelu -d`` at 1280x720 before the fonts were fixed)."""
    dark_a, dark_b = _ink(first, 130), _ink(second, 130)
    any_a, any_b = _ink(first, 220), _ink(second, 220)
    return int(((dark_a & ~_grown(any_b, radius)) | (dark_b & ~_grown(any_a, radius))).sum())


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium for a browser's rendering")
@pytest.mark.parametrize("name", ["gelu"])
def test_a_browser_renders_the_svg_like_the_png(tmp_path, name):
    # 960x540 pixels at 96 dpi: the SVG is 720pt x 405pt, which a browser shows as 960x540 pixels
    size = ["--size", "960x540", "--dpi", "96"]
    png, svg = _write(tmp_path, name, "png", *size), _write(tmp_path, name, "svg", *size)
    shot = tmp_path / "browser.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", f"--screenshot={shot}", "--window-size=960,540",
                        "--hide-scrollbars", svg.as_uri()],
                       check=True, capture_output=True, timeout=120)
    assert _ink(shot, 130).shape == _ink(png, 130).shape
    assert stray_ink(png, shot) < 10
