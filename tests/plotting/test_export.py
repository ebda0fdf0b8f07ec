"""Written files: type, pixel size, text kept as text, atomic replacement."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.plotting.export import save_figure, show_figure
from actviz.plotting.figures import plot_figure
from actviz.plotting.style import parse_size
from tests.helpers import png_size


def _figure(size="640x360", dpi=None):
    return plot_figure([actviz.get("sigmoid")], derivative=True, size=parse_size(size, dpi))


@pytest.mark.parametrize(("size", "dpi", "pixels"), [("1600x900", 100, (1600, 900)), ("1600x900", 200, (1600, 900)),
                                                     ("slide", 150, (2000, 1125)), ("800x800", None, (800, 800))])
def test_png_has_exactly_the_requested_pixels(tmp_path, size, dpi, pixels):
    path = save_figure(_figure(size, dpi), tmp_path / "f.png")
    assert png_size(path) == pixels


def test_svg_keeps_text_as_text(tmp_path):
    path = save_figure(_figure(), tmp_path / "f.svg")
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    texts = "".join("".join(t.itertext()) for t in root.iter() if t.tag.endswith("text"))
    assert "sigmoid" in texts  # the title
    assert "σ" in texts  # the formula sigma(x) = ... is text, not glyph paths


def test_format_option_overrides_a_missing_suffix(tmp_path):
    path = save_figure(_figure(), tmp_path / "picture", fmt="png")
    assert png_size(path) == (640, 360)
    with pytest.raises(ActvizError, match=r"unsupported file suffix '\.jpg'"):
        save_figure(_figure(), tmp_path / "f.jpg")


def test_failed_write_keeps_the_old_file_and_leaves_nothing_behind(tmp_path, monkeypatch):
    target = tmp_path / "f.png"
    target.write_bytes(b"good old picture")
    fig = _figure()
    real_fdopen = os.fdopen

    class FullDisk:  # the file the picture's bytes go to: half of them fit
        def __init__(self, *args, **kwargs):  # noqa: ANN002, ANN003
            self.stream = real_fdopen(*args, **kwargs)

        def __enter__(self):  # noqa: ANN204
            return self

        def __exit__(self, *exc):  # noqa: ANN002, ANN204
            self.stream.close()

        def write(self, data: bytes) -> None:
            self.stream.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    with pytest.raises(ActvizError, match="cannot write .*f.png: no space left on device"):
        save_figure(fig, target)
    assert target.read_bytes() == b"good old picture"
    assert os.listdir(tmp_path) == ["f.png"]


def test_an_interrupt_just_after_the_temporary_file_is_created_removes_it(tmp_path, monkeypatch):
    # A signal delivered between the creation of the .part file and the return of the call
    # that created it (mkstemp handed the name back only then) left the .part behind: the
    # signal test saw it under load. Here os.open creates the file, then Ctrl-C arrives.
    from actviz.plotting.export import write_atomically

    target = tmp_path / "good.png"
    target.write_bytes(b"good old picture")
    real_open = os.open

    def open_then_interrupt(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        real_open(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "open", open_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, lambda stream: stream.write(b"new"))
    monkeypatch.undo()
    assert target.read_bytes() == b"good old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["good.png"]


def test_written_file_has_ordinary_permissions(tmp_path):
    path = save_figure(_figure(), tmp_path / "f.png")
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_missing_or_unwritable_folder_is_a_clear_error(tmp_path, monkeypatch):
    with pytest.raises(ActvizError, match=r"cannot write .*: '.*nowhere' does not exist"):
        save_figure(_figure(), tmp_path / "nowhere" / "f.png")
    (tmp_path / "file").write_text("")
    with pytest.raises(ActvizError, match="is not a folder"):
        save_figure(_figure(), tmp_path / "file" / "f.png")

    def refuse(*args, **kwargs):  # what the OS says for a read-only folder (root is never refused)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ActvizError, match="cannot write .*f.png: permission denied"):
        save_figure(_figure(), tmp_path / "f.png")
    assert not (tmp_path / "f.png").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_folder_for_real(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    with pytest.raises(ActvizError, match="permission denied"):
        save_figure(_figure(), folder / "f.png")
    assert list(folder.iterdir()) == []


def test_show_without_a_display_is_an_error():
    with pytest.raises(ActvizError, match="show needs a display"):
        show_figure(_figure())


def test_transparent_png_has_a_clear_background(tmp_path):
    from matplotlib.image import imread

    path = save_figure(_figure(), tmp_path / "t.png", transparent=True)
    assert imread(path)[0, 0, 3] == 0.0  # the corner is background: alpha 0
    path = save_figure(_figure(), tmp_path / "o.png")
    assert imread(path).shape[2] == 3  # opaque: stored as RGB, without an alpha channel


def test_opaque_png_is_rgb_with_the_pixels_matplotlib_would_write(tmp_path, monkeypatch):
    """The kept-renderer canvas writes an opaque picture as RGB: the pixels of matplotlib's
    own canvas's RGBA file without its alpha (all 255), and the same dpi and Software chunk."""
    from contextlib import nullcontext

    from PIL import Image

    from actviz.plotting import export

    ours = save_figure(_figure(), tmp_path / "ours.png")
    monkeypatch.setattr(export, "_laid_out", lambda fig, fmt: nullcontext())  # savefig on matplotlib's canvas
    reference = save_figure(_figure(), tmp_path / "matplotlib.png")
    with Image.open(ours) as mine, Image.open(reference) as theirs:
        assert (mine.mode, theirs.mode) == ("RGB", "RGBA")
        assert mine.info["dpi"] == pytest.approx(theirs.info["dpi"]) and mine.info["Software"] == theirs.info["Software"]
        rgba = np.asarray(theirs)
        assert (rgba[..., 3] == 255).all() and (np.asarray(mine) == rgba[..., :3]).all()


def _pixels(path):
    from matplotlib.image import imread

    return imread(path)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_png_laid_out_once_is_the_picture_matplotlib_would_save(tmp_path, monkeypatch, theme):
    """A PNG is laid out once before saving instead of by savefig's extra drawing pass:
    the same pixels as matplotlib's own path (the layout engine left on), for a sheet
    with formulas in the titles (placed once: actviz.plotting.placement), one with a y-axis multiplier
    under them, one with a legend below the panels and the saturation sheet."""
    from contextlib import nullcontext

    from actviz.plotting import export
    from actviz.analysis.saturation import saturation_sets
    from actviz.plotting.figures import compare_figure
    from actviz.plotting.saturation import saturation_figure
    from actviz.plotting.placement import shows_offset

    size = parse_size("600x400")
    builders = {"plot": lambda: plot_figure([actviz.get("gelu")], derivative=True, size=size, theme=theme),
                "compare": lambda: compare_figure([actviz.get(n) for n in ("relu", "elu", "tanh")], size=size,
                                                  theme=theme),
                # titles over a y-axis multiplier ("1e6"): left to matplotlib's placement, which lifts them above it
                "offset": lambda: plot_figure([actviz.get("exponential")], derivative=True, lo=14.0, hi=16.0,
                                              size=size, theme=theme),
                "saturation": lambda: saturation_figure([actviz.get("tanh")], [saturation_sets(actviz.get("tanh"))],
                                                        size=size, theme=theme, title="tanh")}
    assert shows_offset(builders["offset"]().axes[0])
    for name, build in builders.items():
        fast = save_figure(build(), tmp_path / f"{name}-fast.png")
        with monkeypatch.context() as patch:
            patch.setattr(export, "_laid_out", lambda fig, fmt: nullcontext())
            reference = save_figure(build(), tmp_path / f"{name}-reference.png")
        assert (_pixels(fast) == _pixels(reference)[..., :3]).all(), name  # RGB: see the test above


def test_a_png_whose_panels_do_not_fit_is_refused_and_not_written(tmp_path):
    fig = plot_figure([actviz.get("gelu"), actviz.get("relu")], derivative=True, size=parse_size("100x80"))
    with pytest.raises(ActvizError, match="its panels do not fit; give it a larger"):
        save_figure(fig, tmp_path / "f.png")
    assert os.listdir(tmp_path) == []
    assert fig.get_layout_engine() is not None  # the figure keeps its layout for a larger size


def test_a_picture_drawn_after_others_on_the_kept_renderer_is_the_same(tmp_path, monkeypatch):
    """The renderer (and matplotlib's text caches on it) is kept from one PNG to the next of
    the same size; what it drew before leaves no trace in the next picture."""
    import matplotlib as mpl

    from actviz.plotting import canvas
    from actviz.plotting.figures import compare_figure
    from actviz.plotting.portable import FONT_RC

    monkeypatch.setattr(canvas, "_KEPT", canvas.threading.local())  # a fresh renderer
    def kept():  # the renderer of a 640x360 PNG, drawn under the text settings of export
        with mpl.rc_context(FONT_RC):
            return canvas.kept_renderer(640, 360, 100.0)

    first = save_figure(_figure(), tmp_path / "first.png").read_bytes()
    renderer = kept()
    other = compare_figure([actviz.get(n) for n in ("relu", "gelu", "elish")], size=parse_size("640x360"), theme="dark")
    save_figure(other, tmp_path / "other.png")
    assert kept() is renderer
    assert save_figure(_figure(), tmp_path / "again.png").read_bytes() == first


@pytest.mark.parametrize(("what", "size", "ylim"), [
    ("titles", "300x300", (0.0, 3e7)),  # a multiplier ("1e7") appears under the pinned titles
    ("labels", "640x360", (-12345.0, 54321.0)),  # wider tick labels than the pinned y labels were put beside
])
def test_placement_given_back_to_matplotlib_is_matplotlib_s(tmp_path, monkeypatch, what, size, ylim):
    """When the ticks change after pinning (as the layout may change them), the change is
    detected and unpinning gives the titles or labels back to matplotlib: its pixels, which
    the pinned placement does not give."""
    from contextlib import nullcontext

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from actviz.plotting import export, placement

    def figure(pin: bool, unpin: bool):
        fig = _figure(size)
        renderer = FigureCanvasAgg(fig).get_renderer()
        pinned = getattr(placement, f"pin_{what}")(fig, renderer) if pin else []
        assert len(pinned) == (2 if what == "titles" else 4) * pin  # two panels (f, f'), each with its x and y label
        for ax in fig.axes:
            ax.set_ylim(*ylim)
        moved = (any(placement.shows_offset(ax) for ax, _ in pinned) if what == "titles"
                 else placement.labels_moved(pinned, renderer))
        assert moved == pin
        if unpin:
            getattr(placement, f"unpin_{what}")(pinned)
        return fig

    monkeypatch.setattr(export, "_laid_out", lambda fig, fmt: nullcontext())
    reference = _pixels(save_figure(figure(False, False), tmp_path / "reference.png"))
    still_pinned = _pixels(save_figure(figure(True, False), tmp_path / "pinned.png"))
    unpinned = _pixels(save_figure(figure(True, True), tmp_path / "unpinned.png"))
    assert (unpinned == reference).all() and not (still_pinned == reference).all()


def test_the_kept_renderer_is_kept_only_under_the_same_text_settings(monkeypatch):
    """matplotlib caches text extents and mathtext on the renderer by text and font only:
    a renderer is reused only where the text rcParams are the ones it measured under."""
    import matplotlib as mpl

    from actviz.plotting import canvas

    monkeypatch.setattr(canvas, "_KEPT", canvas.threading.local())
    first = canvas.kept_renderer(640, 360, 100.0)
    assert canvas.kept_renderer(640, 360, 100.0) is first
    with mpl.rc_context({"mathtext.it": "DejaVu Serif:italic"}):
        assert canvas.kept_renderer(640, 360, 100.0) is not first


def test_a_forked_child_starts_with_a_new_renderer(monkeypatch):
    """matplotlib replaces its fonts in a forked child; the renderer (with mathtext parsed on the
    parent's fonts) must not be reused there: a gallery worker failed in FreeType when it was."""
    import multiprocessing

    from actviz.plotting import canvas

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    monkeypatch.setattr(canvas, "_KEPT", canvas.threading.local())
    parent = canvas.kept_renderer(640, 360, 100.0)
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        in_child = pool.apply(_kept_renderer_id)
    assert in_child[0] is None  # nothing inherited
    assert canvas.kept_renderer(640, 360, 100.0) is parent  # the parent keeps its own


def _kept_renderer_id() -> tuple:
    from actviz.plotting import canvas

    return (getattr(canvas._KEPT, "renderer", None),)


def test_the_themes_share_one_kept_renderer(monkeypatch):
    """Light and dark differ only in the colour of text, which is applied when glyphs are drawn:
    the gallery alternates themes, and a renderer per change lost the caches it is kept for."""
    from actviz.plotting import canvas
    from actviz.plotting.style import themed

    monkeypatch.setattr(canvas, "_KEPT", canvas.threading.local())
    size = parse_size("640x360")
    with themed(size, "light"):
        light = canvas.kept_renderer(640, 360, 100.0)
    with themed(size, "dark"):
        assert canvas.kept_renderer(640, 360, 100.0) is light
