"""Synthetic lung-CT-like slices for the LungScan demonstration model.

Every image is an axial-slice caricature drawn with numpy from a seeded random generator:

* a dark field (air) around an elliptical body of soft tissue with a brighter skin rim,
* two dark lung fields (deformed ellipses) left and right of a brighter mediastinum,
  a vertebral body at the back and an aorta in front of it,
* branching bright vessels running out from the hilum, a few vessel cross-sections
  (small dots, the classic "looks like a nodule" distractor), low-frequency density
  variation and pixel noise,
* and, depending on the class, one lesion inside a lung field:
    - ``normal``: none,
    - ``benign_nodule``: a small, round, smooth-edged, homogeneous bright nodule
      (radius 2.5-5 px on the 128 px source image),
    - ``malignant_nodule``: a larger (radius 5-11 px) lobulated nodule with an irregular
      border and thin spicules radiating from it, with a heterogeneous interior.

Position, size, contrast, window (gain/offset), blur and noise all vary per image.
Nothing here is real patient data or derived from it.

The same ``seed`` always yields the same images (numpy ``default_rng``/PCG64, no global state).
"""

from __future__ import annotations

import numpy as np

LABELS = ("normal", "benign_nodule", "malignant_nodule")
SIZE = 128

_YY, _XX = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64)
_FY = np.fft.fftfreq(SIZE)[:, None]
_FX = np.fft.rfftfreq(SIZE)[None, :]


def _blur(img: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur (periodic boundary; fine here: the image border is plain air)."""
    if sigma <= 0:
        return img
    transfer = np.exp(-2.0 * (np.pi * sigma) ** 2 * (_FY**2 + _FX**2))
    return np.fft.irfft2(np.fft.rfft2(img) * transfer, s=img.shape)


def _splat(points: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Bilinear splat of weighted sub-pixel points (N, 2 as y, x) onto an empty image."""
    out = np.zeros((SIZE, SIZE))
    y, x = points[:, 0], points[:, 1]
    ok = (y >= 0) & (y < SIZE - 1) & (x >= 0) & (x < SIZE - 1)
    y, x, w = y[ok], x[ok], weights[ok]
    y0, x0 = np.floor(y).astype(int), np.floor(x).astype(int)
    fy, fx = y - y0, x - x0
    np.add.at(out, (y0, x0), w * (1 - fy) * (1 - fx))
    np.add.at(out, (y0 + 1, x0), w * fy * (1 - fx))
    np.add.at(out, (y0, x0 + 1), w * (1 - fy) * fx)
    np.add.at(out, (y0 + 1, x0 + 1), w * fy * fx)
    return out


def _soft_mask(signed_dist: np.ndarray, edge: float) -> np.ndarray:
    """1 inside (negative distance), 0 outside, logistic edge of width ``edge`` px."""
    return 1.0 / (1.0 + np.exp(np.clip(signed_dist / edge, -50, 50)))


class _Lung:
    """One lung field: a rotated ellipse whose radius is deformed by low harmonics."""

    def __init__(self, rng: np.random.Generator, cy: float, cx: float, medial_sign: float):
        self.cy, self.cx = cy, cx
        self.ay = rng.uniform(27, 34)  # vertical semi-axis
        self.ax = rng.uniform(16, 21)  # horizontal semi-axis
        self.rot = rng.uniform(-0.25, 0.25) * medial_sign
        self.harm = [(k, rng.uniform(0, 0.06), rng.uniform(0, 2 * np.pi)) for k in (2, 3, 4)]
        self.medial_sign = medial_sign  # +1 if the mediastinum is to the right (+x)

    def _local(self, y, x):
        dy, dx = y - self.cy, x - self.cx
        c, s = np.cos(self.rot), np.sin(self.rot)
        u = (c * dx + s * dy) / self.ax
        v = (-s * dx + c * dy) / self.ay
        return u, v

    def _deform(self, theta):
        return 1.0 + sum(a * np.cos(k * theta + p) for k, a, p in self.harm)

    def signed_dist(self, y, x):
        """Approximate signed distance in px (negative inside)."""
        u, v = self._local(y, x)
        rho = np.hypot(u, v)
        theta = np.arctan2(v, u)
        return (rho - self._deform(theta)) * min(self.ax, self.ay)

    def sample_inside(self, rng: np.random.Generator, margin: float):
        """A point at least ~``margin`` px inside the field."""
        for _ in range(200):
            y = rng.uniform(self.cy - self.ay, self.cy + self.ay)
            x = rng.uniform(self.cx - self.ax, self.cx + self.ax)
            if self.signed_dist(y, x) < -margin:
                return y, x
        return self.cy, self.cx


def _vessels(rng: np.random.Generator, lung: _Lung, inside: np.ndarray) -> np.ndarray:
    """Branching vessel tree from the hilum, splatted as points then blurred."""
    pts, wts = [], []
    hy = lung.cy + rng.uniform(-6, 6)
    hx = lung.cx + lung.medial_sign * lung.ax * 0.75
    stack = []
    for _ in range(rng.integers(4, 8)):
        ang = np.pi * (0.5 + 0.5 * lung.medial_sign) + rng.uniform(-1.3, 1.3)  # outward
        stack.append((hy, hx, ang, rng.uniform(0.8, 1.0), rng.integers(18, 40)))
    while stack:
        y, x, ang, w, steps = stack.pop()
        for _ in range(int(steps)):
            ang += rng.normal(0, 0.12)
            y += 0.8 * np.sin(ang)
            x += 0.8 * np.cos(ang)
            w *= 0.975
            pts.append((y, x))
            wts.append(w)
            if w > 0.45 and rng.random() < 0.035 and len(stack) < 20:
                stack.append((y, x, ang + rng.choice([-1, 1]) * rng.uniform(0.4, 0.9),
                              w * 0.8, rng.integers(6, 20)))
    layer = _splat(np.asarray(pts), np.asarray(wts))
    layer = _blur(layer, rng.uniform(0.7, 1.1))
    return layer * inside


def _benign(rng: np.random.Generator, cy: float, cx: float) -> tuple[np.ndarray, float]:
    r = rng.uniform(2.5, 5.0)
    d = np.hypot(_YY - cy, _XX - cx) - r
    return _soft_mask(d, rng.uniform(0.35, 0.6)), r


def _malignant(rng: np.random.Generator, cy: float, cx: float) -> tuple[np.ndarray, float]:
    r0 = rng.uniform(5.0, 11.0)
    dy, dx = _YY - cy, _XX - cx
    rho, theta = np.hypot(dy, dx), np.arctan2(dy, dx)
    radius = np.full_like(theta, r0)
    for k in range(2, 8):  # lobulation
        radius += r0 * rng.uniform(0.02, 0.14) / (k / 2) * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
    body = _soft_mask(rho - radius, rng.uniform(0.5, 0.9))
    # heterogeneous interior
    body *= 1.0 + 0.25 * _blur(rng.standard_normal((SIZE, SIZE)), 1.5) * 3.0
    # spicules: thin fading lines from the border outward
    pts, wts = [], []
    for _ in range(rng.integers(5, 13)):
        a = rng.uniform(0, 2 * np.pi)
        length = r0 * rng.uniform(0.6, 1.4)
        for t in np.arange(0.0, length, 0.5):
            a += rng.normal(0, 0.03)
            pts.append((cy + (r0 * 0.85 + t) * np.sin(a), cx + (r0 * 0.85 + t) * np.cos(a)))
            wts.append(0.9 * (1 - t / length))
    spic = _blur(_splat(np.asarray(pts), np.asarray(wts)), rng.uniform(0.5, 0.8))
    return np.clip(body, 0, None) + 1.6 * spic, r0


def render(rng: np.random.Generator, label: int) -> np.ndarray:
    """One 128x128 uint8 slice of class ``label`` (index into LABELS)."""
    img = np.full((SIZE, SIZE), rng.uniform(4, 16))

    # body with a brighter skin/muscle rim
    bcy, bcx = SIZE / 2 + rng.uniform(-4, 4), SIZE / 2 + rng.uniform(-4, 4)
    bay, bax = rng.uniform(44, 52), rng.uniform(54, 60)
    body_d = (np.hypot((_YY - bcy) / bay, (_XX - bcx) / bax) - 1.0) * min(bay, bax)
    body = _soft_mask(body_d, 0.8)
    tissue = rng.uniform(95, 130)
    img += body * (tissue - img)
    img += 25 * _soft_mask(-body_d - 3.5, 1.0) * body  # rim

    # mediastinum/heart, aorta and spine
    med = _soft_mask(np.hypot((_YY - bcy - 2) / 22, (_XX - bcx) / 14) * 14 - 14, 1.5)
    img += med * rng.uniform(8, 20)
    sy = bcy + bay - rng.uniform(14, 18)
    spine_d = np.hypot(_YY - sy, _XX - bcx) - rng.uniform(7, 9)
    img += _soft_mask(spine_d, 0.8) * rng.uniform(70, 110)
    img += _soft_mask(np.hypot(_YY - sy + 3, _XX - bcx) - 3.5, 0.8) * -35  # canal
    ao_d = np.hypot(_YY - (sy - 14), _XX - (bcx + rng.uniform(-8, -4))) - rng.uniform(4, 6)
    img += _soft_mask(ao_d, 0.8) * rng.uniform(10, 25)

    # lungs
    sep = rng.uniform(21, 27)
    lungs = [_Lung(rng, bcy - rng.uniform(0, 5), bcx - sep, +1.0),
             _Lung(rng, bcy - rng.uniform(0, 5), bcx + sep, -1.0)]
    parenchyma = rng.uniform(22, 45)
    inside = np.zeros((SIZE, SIZE))
    for lung in lungs:
        m = _soft_mask(lung.signed_dist(_YY, _XX), 0.9)
        inside = np.maximum(inside, m)
    img += inside * (parenchyma - img)
    # density variation inside the lungs
    img += inside * rng.uniform(4, 9) * _blur(rng.standard_normal((SIZE, SIZE)), 3.0) * 5.0

    vessel_contrast = rng.uniform(45, 90)
    for lung in lungs:
        img += vessel_contrast * _vessels(rng, lung, inside)
        # vessel cross-sections: small round dots, smaller than any nodule
        dots_pts, dots_w = [], []
        for _ in range(rng.integers(2, 9)):
            dots_pts.append(lung.sample_inside(rng, 2.0))
            dots_w.append(rng.uniform(1.5, 4.0))
        dots = _blur(_splat(np.asarray(dots_pts), np.asarray(dots_w)), rng.uniform(0.7, 1.1))
        img += vessel_contrast * np.clip(dots, 0, 1.2) * inside

    # the lesion
    if label != 0:
        lung = lungs[rng.integers(0, 2)]
        margin = 6.0 if label == 1 else 12.0
        cy, cx = lung.sample_inside(rng, margin)
        if label == 1:
            lesion, _ = _benign(rng, cy, cx)
            contrast = rng.uniform(45, 120)
        else:
            lesion, _ = _malignant(rng, cy, cx)
            contrast = rng.uniform(40, 100)
        img += contrast * lesion

    # acquisition: blur, window, noise
    img = _blur(img, rng.uniform(0.3, 0.8))
    img = img * rng.uniform(0.85, 1.15) + rng.uniform(-10, 10)
    img += _blur(rng.standard_normal((SIZE, SIZE)), 0.6) * rng.uniform(3, 9)
    img += rng.standard_normal((SIZE, SIZE)) * rng.uniform(1, 4)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def make_set(seed: int, per_class: int) -> tuple[np.ndarray, np.ndarray]:
    """``per_class`` images of each class, shuffled; returns (uint8 [N,128,128], int32 [N])."""
    root = np.random.SeedSequence(seed)
    order_seq, *image_seqs = root.spawn(1 + 3 * per_class)
    labels = np.repeat(np.arange(3, dtype=np.int32), per_class)
    images = np.stack([render(np.random.default_rng(s), int(l)) for s, l in zip(image_seqs, labels)])
    perm = np.random.default_rng(order_seq).permutation(len(labels))
    return images[perm], labels[perm]
