"""actviz.plotting.png: the hand-written RGB PNG writer, read back by Pillow (an independent
decoder that checks every chunk's CRC) and compared with Pillow's own writer."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from actviz.plotting.png import SIGNATURE, filtered_rows, write_rgb_png


def _written(rgb: np.ndarray, dpi: float = 100.0, text: dict[str, str] | None = None) -> bytes:
    stream = io.BytesIO()
    write_rgb_png(stream, rgb, dpi, text or {})
    return stream.getvalue()


@pytest.mark.parametrize("shape", [(1, 1), (1, 7), (9, 1), (37, 53), (675, 1200)])
def test_pixels_read_back_exactly(shape):
    # random bytes make every row differ from the one above in every way, wrapping included
    rgb = np.random.default_rng(sum(shape)).integers(0, 256, size=(*shape, 3), dtype=np.uint8)
    data = _written(rgb)
    assert data.startswith(SIGNATURE)
    with Image.open(io.BytesIO(data)) as image:
        image.verify()  # chunk CRCs and the end of the stream
    with Image.open(io.BytesIO(data)) as image:
        assert image.mode == "RGB" and image.size == (shape[1], shape[0])
        np.testing.assert_array_equal(np.asarray(image), rgb)


def test_a_strided_view_of_rgba_is_written_as_its_rgb():
    rgba = np.random.default_rng(1).integers(0, 256, size=(20, 30, 4), dtype=np.uint8)
    with Image.open(io.BytesIO(_written(rgba[..., :3]))) as image:
        np.testing.assert_array_equal(np.asarray(image), rgba[..., :3])


def test_rows_are_filtered_up():
    """Filter type 2 leads each row; row r holds row r minus row r-1 modulo 256 (PNG 1.2, 9.2)."""
    rgb = np.array([[[250, 0, 7]], [[3, 255, 7]]], dtype=np.uint8)
    np.testing.assert_array_equal(filtered_rows(rgb), [[2, 250, 0, 7], [2, 9, 255, 0]])


@pytest.mark.parametrize("dpi", [72.0, 90.0, 100.0, 150.0, 72.27, 300.5])
def test_dpi_as_pillow_writes_it(dpi):
    rgb = np.zeros((4, 5, 3), dtype=np.uint8)
    theirs = io.BytesIO()
    Image.fromarray(rgb).save(theirs, format="png", dpi=(dpi, dpi))
    with Image.open(io.BytesIO(_written(rgb, dpi))) as mine, Image.open(theirs) as reference:
        assert mine.info["dpi"] == reference.info["dpi"]


def test_text_chunks_latin1_and_beyond():
    text = {"Software": "Matplotlib version3.11, https://matplotlib.org/", "Title": "GELU f′(x) — Φ"}
    with Image.open(io.BytesIO(_written(np.zeros((2, 2, 3), dtype=np.uint8), text=text))) as image:
        assert image.text == text
