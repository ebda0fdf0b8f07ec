"""Render every picture command in both themes, as PNG and as SVG, and put each
picture's four renderings (light PNG, light SVG in a browser, dark PNG, dark SVG
in a browser) on one contact sheet to look at.

Run from the repository root:  python -m benchmarks.visual_check [FOLDER]
(default FOLDER: visual-check/, written fresh). The SVGs are drawn by headless
chromium where it is installed (else the sheets show the PNGs only). The cases
include 10 and 32 softmax logits and 12-curve plots; look at every sheet.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from actviz.cli.app import app

WIDTH, HEIGHT = 1280, 720  # pixels; at 96 dpi the SVG is exactly this size in a browser
TWELVE = ["relu", "elu", "selu", "gelu", "gelu_tanh", "silu", "mish", "softplus", "tanh", "sigmoid", "leaky_relu", "celu"]
CASES = {
    "plot-gelu": ["plot", "gelu", "-d"],
    "plot-relu-second": ["plot", "relu", "--second"],
    "plot-formula-mish": ["plot", "x*tanh(softplus(x))", "mish", "-d"],
    "plot-12": ["plot", *TWELVE],
    "compare-relu-elu-selu": ["compare", "relu", "elu", "selu"],
    "compare-exponential": ["compare", "exponential", "relu", "tanh"],
    "compare-12": ["compare", *TWELVE],
    "compare-diff": ["compare", "gelu", "gelu_tanh", "--diff"],
    "saturation": ["saturation", "sigmoid", "tanh", "gelu", "relu"],
    "decay": ["decay", "tanh", "relu", "--depth", "30", "--width", "64", "--batch", "32"],
    "phase": ["phase", "tanh"],
    "softmax-3": ["softmax", "2", "1", "0.1"],
    "softmax-10": ["softmax", *[f"{(i * 37 % 17) / 4 - 2:g}" for i in range(1, 11)]],
    "softmax-32": ["softmax", *[f"{(i * 37 % 17) / 4 - 2:g}" for i in range(1, 33)]],
    "softmax-huge": ["softmax", "1e308", "0", "-3"],
    "glu": ["glu", "swiglu"],
    "maxout": ["maxout", "-k", "4"],
    "band": ["band", "rrelu"],
}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def browser_png(svg: Path, target: Path) -> bool:
    """A headless chromium screenshot of ``svg`` at WIDTH x HEIGHT (False without chromium)."""
    if CHROMIUM is None:
        return False
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", f"--screenshot={target}", f"--window-size={WIDTH},{HEIGHT}",
                        "--hide-scrollbars", svg.resolve().as_uri()], check=True, capture_output=True, timeout=120)
    return True


def contact_sheet(images: list[Path | None], target: Path) -> None:
    """The images in a 2 x 2 grid at half size (missing ones left blank)."""
    from PIL import Image

    sheet = Image.new("RGB", (WIDTH, HEIGHT), "white")
    for k, path in enumerate(images):
        if path is not None and path.exists():
            image = Image.open(path).convert("RGB").resize((WIDTH // 2, HEIGHT // 2))
            sheet.paste(image, ((k % 2) * WIDTH // 2, (k // 2) * HEIGHT // 2))
    sheet.save(target)


def main(folder: str = "visual-check") -> None:
    out = Path(folder)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    runner = CliRunner()
    for name, args in CASES.items():
        renderings: list[Path | None] = []
        for theme in ("light", "dark"):
            for suffix in ("png", "svg"):
                target = out / f"{name}-{theme}.{suffix}"
                result = runner.invoke(app, [*args, "-o", str(target), "--theme", theme, "--size", f"{WIDTH}x{HEIGHT}",
                                             "--dpi", "96"])
                if result.exit_code != 0:
                    raise SystemExit(f"{name} ({theme}, {suffix}) failed: {result.output}{result.stderr}")
                if suffix == "png":
                    renderings.append(target)
                else:
                    shot = out / f"{name}-{theme}-browser.png"
                    renderings.append(shot if browser_png(target, shot) else None)
        contact_sheet(renderings, out / f"sheet-{name}.png")
        print(f"{out / f'sheet-{name}.png'}: light PNG | light SVG in a browser / dark PNG | dark SVG in a browser")


if __name__ == "__main__":
    main(*sys.argv[1:2])
