"""The heatmap accuracy set: malignant synthetic slices with the nodule's known centre.

Run from the repository root (needs only numpy):

    python models/training/heatmap_set.py

Writes src/test/resources/heatmap/malignant-NN.png (128x128 8-bit grayscale) and nodules.csv
(file, centre row y, centre column x, radius, all in pixels of the 128 px image). The images come
from synthetic_ct.render unchanged; the nodule's centre is recorded by wrapping the generator's
_malignant drawing function. Seed 20261201, independent of the training, validation and test sets.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic_ct  # noqa: E402

SEED = 20261201
COUNT = 40
OUT = Path("src/test/resources/heatmap")


def png(path: Path, img: np.ndarray) -> None:
    """8-bit grayscale PNG, written with zlib alone (no Pillow needed)."""
    h, w = img.shape
    raw = b"".join(b"\x00" + img[y].tobytes() for y in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    drawn = []
    original = synthetic_ct._malignant

    def recording(rng, cy, cx):
        lesion, r0 = original(rng, cy, cx)
        drawn.append((cy, cx, r0))
        return lesion, r0

    synthetic_ct._malignant = recording
    rows = ["file,y,x,radius"]
    for n, seq in enumerate(np.random.SeedSequence(SEED).spawn(COUNT), start=1):
        img = synthetic_ct.render(np.random.default_rng(seq), 2)
        cy, cx, r0 = drawn[-1]
        name = f"malignant-{n:02d}.png"
        png(OUT / name, img)
        rows.append(f"{name},{cy:.3f},{cx:.3f},{r0:.3f}")
    (OUT / "nodules.csv").write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
