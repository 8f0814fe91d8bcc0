"""Train the LungScan DEMONSTRATION model (synthetic images only; NOT for clinical use).

Run from the repository root:

    pip install -r models/training/requirements.txt && python models/training/train.py

Writes (into ``models/``, or ``--out DIR``):
    lungscan-demo.h5            the model, Keras 3 legacy HDF5 (the file the product loads)
    lungscan-demo.keras         the same model, Keras 3 native format (only if < 1 MB)
    lungscan-demo.card.json     the model card
    reference/                  6 held-out PNGs, input.npy, expected.npy, files.txt, README.md
    training/metrics.json       held-out confusion matrix, timings, data checksums

With ``--dataset lungscan-dataset.zip`` (the zip of ``GET /api/admin/dataset``: de-identified
reviewed scans and ``labels.csv``) it trains on the doctors' findings instead of synthetic images:
``--name`` and ``--version`` name the model, the findings present become the labels, the scans are
split 80/10/10 (seeded) into training, validation and held-out test, and ``reference/`` is not
written (its images are the demo's).

Everything is seeded: the generated data are bit-identical on every run, and training is made
deterministic (fixed seeds, TensorFlow op determinism, oneDNN custom ops off).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import sys
import time
from pathlib import Path

# Must be set before TensorFlow is imported: reproducible numerics, quiet logs.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("PYTHONHASHSEED", "0")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic_ct  # noqa: E402

import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

SEED = 20250601
TRAIN_SEED, VAL_SEED, TEST_SEED = SEED, SEED + 1, SEED + 2  # three independent generators
TRAIN_PER_CLASS, VAL_PER_CLASS, TEST_PER_CLASS = 1000, 150, 300
INPUT_H, INPUT_W = 64, 64
SCALE = 1.0 / 255.0  # 0.00392156862745098
EPOCHS = 14
BATCH = 64
LABELS = list(synthetic_ct.LABELS)
NAME = "lungscan-demo"


def preprocess(images_u8) -> tf.Tensor:
    """The product's preprocessing, exactly: uint8 [N,H,W,1] (grayscale) -> float32 [N,64,64,1].

    cast to float32, bilinear resize to 64x64 (half-pixel centers, no antialiasing), times 1/255.
    """
    x = tf.cast(images_u8, tf.float32)
    x = tf.image.resize(x, (INPUT_H, INPUT_W), method="bilinear", antialias=False)
    return x * tf.constant(SCALE, tf.float32)


def preprocess_all(images_u8: np.ndarray, chunk: int = 512) -> np.ndarray:
    parts = [preprocess(images_u8[i:i + chunk, :, :, None]).numpy() for i in range(0, len(images_u8), chunk)]
    return np.concatenate(parts).astype(np.float32)


def load_dataset_zip(path: Path, seed: int):
    """The zip of GET /api/admin/dataset: images/<random>.png and labels.csv (file, finding, ...).

    Returns preprocessed (train, validation, test) image arrays and label indices, the labels
    (the demo's three first, in their order, when present; any others after them, sorted), and the
    zip's SHA-256. Each image goes through the product's preprocessing on its own (its size kept
    until the resize): RGB to gray with the card's weights, 16-bit scaled to 8, bilinear resize.
    """
    import csv
    import io
    import zipfile

    with zipfile.ZipFile(path) as archive:
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open("labels.csv"), encoding="utf-8")))
        findings = {r["finding"] for r in rows}
        labels = [l for l in LABELS if l in findings] + sorted(findings - set(LABELS))
        images, targets = [], []
        for row in rows:
            pixels = np.asarray(Image.open(io.BytesIO(archive.read(row["file"]))))
            if pixels.dtype == np.uint16:
                pixels = np.round(pixels / 257.0)
            if pixels.ndim == 3:
                pixels = pixels[..., :3] @ np.array([0.299, 0.587, 0.114])
            gray = np.clip(np.round(pixels), 0, 255).astype(np.uint8)
            images.append(preprocess(gray[None, :, :, None]).numpy()[0])
            targets.append(labels.index(row["finding"]))
    x, y = np.stack(images).astype(np.float32), np.array(targets, dtype=np.int64)
    order = np.random.default_rng(seed).permutation(len(y))
    held = max(1, len(y) // 10)
    test, val, train = order[:held], order[held:2 * held], order[2 * held:]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return (x[train], y[train]), (x[val], y[val]), (x[test], y[test]), labels, digest


def build_model() -> keras.Model:
    inputs = keras.Input(shape=(INPUT_H, INPUT_W, 1), name="image")
    x = inputs
    for i, filters in enumerate((16, 32, 64)):
        x = layers.Conv2D(filters, 3, padding="same", activation="relu", name=f"conv{i + 1}")(x)
        x = layers.BatchNormalization(momentum=0.9, name=f"bn{i + 1}")(x)
        x = layers.MaxPooling2D(2, name=f"pool{i + 1}")(x)
    x = layers.Conv2D(64, 3, padding="same", activation="relu", name="conv4")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    x = layers.Dropout(0.3, name="dropout")(x)
    outputs = layers.Dense(len(LABELS), activation="softmax", name="probabilities")(x)
    return keras.Model(inputs, outputs, name="lungscan_demo")


def sha256(*arrays: np.ndarray) -> str:
    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


def confusion(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    cm = np.zeros((len(LABELS), len(LABELS)), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


def write_reference(out: Path, test_x: np.ndarray, test_y: np.ndarray, model: keras.Model) -> dict:
    """2 held-out images per class as PNG; Keras outputs computed from the PNG files read back."""
    ref = out / "reference"
    ref.mkdir(parents=True, exist_ok=True)
    for old in ref.glob("*.png"):
        old.unlink()
    for label_index, label in enumerate(LABELS):
        picks = np.flatnonzero(test_y == label_index)[:2]  # first two of the class in test order
        for n, idx in enumerate(picks, start=1):
            Image.fromarray(test_x[idx]).save(ref / f"{label}-{n}.png", optimize=False)

    files = sorted(p.name for p in ref.glob("*.png"))
    decoded = []
    for name in files:
        img = tf.io.decode_png(tf.io.read_file(str(ref / name)), channels=1)  # uint8 [128,128,1]
        assert img.shape == (synthetic_ct.SIZE, synthetic_ct.SIZE, 1) and img.dtype == tf.uint8
        decoded.append(img)
    inp = preprocess(tf.stack(decoded)).numpy().astype(np.float32)
    expected = model.predict(inp, verbose=0).astype(np.float32)
    np.save(ref / "input.npy", inp)
    np.save(ref / "expected.npy", expected)
    (ref / "files.txt").write_text("".join(f + "\n" for f in files))

    lines = ["| # | file | true class | " + " | ".join(LABELS) + " |",
             "|---|---|---|" + "---|" * len(LABELS)]
    for i, f in enumerate(files):
        lines.append(f"| {i} | `{f}` | {f.rsplit('-', 1)[0]} | "
                     + " | ".join(f"{v:.6f}" for v in expected[i]) + " |")
    (ref / "README.md").write_text(REFERENCE_README.format(
        order="\n".join(f"{i}. `{f}`" for i, f in enumerate(files)),
        labels=", ".join(f"`{l}`" for l in LABELS),
        table="\n".join(lines),
        test_seed=TEST_SEED,
    ))
    return {"files": files, "expected": expected.tolist()}


REFERENCE_README = """# Reference batch for the LungScan demonstration model

Six held-out images (2 per class) and the outputs Keras computed for them, so that the product's
Java import and preprocessing can be checked against Keras: same files in, same numbers out.
Written by `models/training/train.py`; do not edit by hand.

## Files, in this order (alphabetical by file name; also in `files.txt`, one per line)
Row `i` of `input.npy` and `expected.npy` belongs to file `i`:

{order}

- `*.png`: 128x128, 8-bit grayscale PNG, drawn by the held-out (test) generator
  (seed {test_seed}), never seen in training; the name gives the true class.
- `input.npy`: float32 `[6, 64, 64, 1]` (NHWC), the preprocessed tensor that was fed to Keras.
- `expected.npy`: float32 `[6, 3]`, Keras' softmax outputs for it, columns in the label order of
  the model card: {labels}.

## How they were made
1. Each PNG file was read back from disk and decoded with `tf.io.decode_png(data, channels=1)`
   (uint8, 1 channel).
2. Preprocessing, exactly as in the model card: cast to float32; `tf.image.resize` to 64x64 with
   `method="bilinear", antialias=False` (half-pixel centers, TensorFlow's default); multiply by
   1/255 (0.00392156862745098).
3. `model.predict(input)` on the trained model (Keras 3.15.1, TensorFlow backend, CPU).

A correct import plus preprocessing reproduces `expected.npy` to within about 1e-4 absolute, and
`input.npy` to within about 1e-6.

## Expected outputs
{table}
"""


def main() -> None:
    global LABELS, NAME
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="output directory (default: the models/ folder holding this script)")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--dataset", type=Path, default=None,
                        help="train on this zip from GET /api/admin/dataset instead of synthetic images")
    parser.add_argument("--name", default=NAME, help="the model's name (file names and card)")
    parser.add_argument("--version", default="1.0.0", help="the model's version (card)")
    args = parser.parse_args()
    NAME = args.name
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "training").mkdir(exist_ok=True)

    keras.utils.set_random_seed(SEED)  # python, numpy and TensorFlow seeds
    tf.config.experimental.enable_op_determinism()
    tf.config.threading.set_intra_op_parallelism_threads(2)
    tf.config.threading.set_inter_op_parallelism_threads(1)

    wall0, cpu0 = time.perf_counter(), time.process_time()

    # ---- data -------------------------------------------------------------------------------
    if args.dataset:
        (train_x, train_y), (val_x, val_y), (test_x, test_y), LABELS, zip_hash = \
            load_dataset_zip(args.dataset, SEED)
        data_hash = {"dataset_zip": zip_hash}
    else:
        train_u8, train_y = synthetic_ct.make_set(TRAIN_SEED, TRAIN_PER_CLASS)
        val_u8, val_y = synthetic_ct.make_set(VAL_SEED, VAL_PER_CLASS)
        test_u8, test_y = synthetic_ct.make_set(TEST_SEED, TEST_PER_CLASS)
        data_hash = {"train": sha256(train_u8, train_y), "validation": sha256(val_u8, val_y),
                     "test": sha256(test_u8, test_y)}
        train_x, val_x, test_x = (preprocess_all(a) for a in (train_u8, val_u8, test_u8))
    gen_wall, gen_cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(f"generated {len(train_y)} train / {len(val_y)} validation / {len(test_y)} test images "
          f"in {gen_wall:.1f} s; sha256 train {data_hash['train'][:16]}...", flush=True)

    # ---- model ------------------------------------------------------------------------------
    model = build_model()
    steps = args.epochs * int(np.ceil(len(train_y) / BATCH))
    schedule = keras.optimizers.schedules.CosineDecay(2e-3, steps, alpha=0.05)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=schedule),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.summary(print_fn=lambda s, **_: print(s))
    t0w, t0c = time.perf_counter(), time.process_time()
    history = model.fit(train_x, train_y, batch_size=BATCH, epochs=args.epochs, shuffle=True,
                        validation_data=(val_x, val_y), verbose=2)
    train_wall, train_cpu = time.perf_counter() - t0w, time.process_time() - t0c

    # ---- held-out evaluation ----------------------------------------------------------------
    probs = model.predict(test_x, batch_size=256, verbose=0)
    pred = probs.argmax(axis=1)
    cm = confusion(test_y, pred)
    acc = float((pred == test_y).mean())
    per_class = {l: float(cm[i, i] / cm[i].sum()) for i, l in enumerate(LABELS)}
    print(f"held-out accuracy {acc:.4f} on {len(test_y)} images; per class {per_class}")
    print("confusion matrix (rows = true, columns = predicted; order " + ", ".join(LABELS) + ")")
    print(cm)

    # ---- save -------------------------------------------------------------------------------
    # Ship an uncompiled copy: same architecture and weights, no optimizer state or training
    # config (the product only runs inference, and the files stay small).
    export = keras.Model.from_config(model.get_config())
    export.set_weights(model.get_weights())
    h5_path = out / f"{NAME}.h5"
    export.save(h5_path)  # legacy HDF5 (chosen by the extension)
    keras_path = out / f"{NAME}.keras"
    export.save(keras_path)
    if keras_path.stat().st_size >= 1_000_000:
        keras_path.unlink()

    reloaded = keras.models.load_model(h5_path, compile=False)
    drift = float(np.abs(reloaded.predict(test_x[:64], verbose=0) - probs[:64]).max())
    assert drift < 1e-5, f"reloaded .h5 model disagrees with the trained one by {drift}"

    ref = None if args.dataset else write_reference(out, test_u8, test_y, reloaded)

    counts = {l: int((train_y == i).sum()) for i, l in enumerate(LABELS)}
    card = {
        "name": NAME,
        "version": args.version,
        "demo": not args.dataset,
        "labels": LABELS,
        "cancer_labels": [l for l in LABELS if l == "malignant_nodule"],
        "output": "softmax",
        "input": {"height": INPUT_H, "width": INPUT_W, "channels": 1},
        "preprocessing": {"color": "grayscale", "resize": "bilinear", "scale": SCALE, "offset": 0.0,
                          "grayscale_weights": [0.299, 0.587, 0.114]},
        "intended_use": ("Demonstration of the LungScan software only. Trained on synthetic images; "
                         "NOT for clinical use or any diagnostic decision."),
        "training_data": (
            f"Synthetic only, generated by models/training/synthetic_ct.py (no patient data). "
            f"Training set: {TRAIN_PER_CLASS} images per class ({3 * TRAIN_PER_CLASS} total, seed {TRAIN_SEED}); "
            f"validation: {VAL_PER_CLASS} per class (seed {VAL_SEED}); held-out test: {TEST_PER_CLASS} per class "
            f"(seed {TEST_SEED}). Source images 128x128 8-bit grayscale caricatures of an axial chest CT slice: "
            f"dark air around an elliptical body, two dark lung fields with branching bright vessels, vessel "
            f"cross-section dots, mediastinum, aorta and spine, density variation, blur and noise. normal: no lesion; "
            f"benign_nodule: one small round smooth-edged homogeneous bright nodule (radius 2.5-5 px); "
            f"malignant_nodule: one larger (radius 5-11 px) lobulated nodule with spicules and a heterogeneous "
            f"interior. Position, size, contrast, window, blur and noise vary per image."
        ),
        "metrics": {"held_out_accuracy": round(acc, 4), "held_out_samples": int(len(test_y)),
                    "per_class_accuracy": {k: round(v, 4) for k, v in per_class.items()}},
        "trained_with": {"keras": keras.__version__, "tensorflow": tf.__version__},
        "created": _dt.date.today().isoformat(),
    }
    if args.dataset:
        card["training_data"] = (
            f"The hospital's reviewed scans, exported de-identified by GET /api/admin/dataset "
            f"(zip sha256 {data_hash['dataset_zip']}): {len(train_y)} training, {len(val_y)} "
            f"validation and {len(test_y)} held-out test images, split at random (seed {SEED}); "
            f"the labels are the doctors' findings.")
        card["intended_use"] = "To be stated by the hospital before this model is activated."
    (out / f"{NAME}.card.json").write_text(json.dumps(card, indent=2) + "\n")

    total_wall, total_cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    metrics = {
        "held_out_accuracy": acc,
        "held_out_samples": int(len(test_y)),
        "per_class_accuracy": per_class,
        "confusion_matrix": {"rows_true_columns_predicted": LABELS, "counts": cm.tolist()},
        "train_counts": counts,
        "final_epoch": {k: float(v[-1]) for k, v in history.history.items()},
        "params": int(model.count_params()),
        "data_sha256": data_hash,
        "seconds": {"data_wall": round(gen_wall, 1), "data_cpu": round(gen_cpu, 1),
                    "train_wall": round(train_wall, 1), "train_cpu": round(train_cpu, 1),
                    "total_wall": round(total_wall, 1), "total_cpu": round(total_cpu, 1)},
        "reference": ref,
        "versions": {"keras": keras.__version__, "tensorflow": tf.__version__, "numpy": np.__version__,
                     "python": sys.version.split()[0]},
    }
    (out / "training" / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")

    sizes = {p.name: p.stat().st_size for p in (h5_path, keras_path) if p.exists()}
    print(f"saved {sizes}; total {total_wall:.0f} s wall, {total_cpu:.0f} s CPU "
          f"(data {gen_wall:.0f} s, training {train_wall:.0f} s wall / {train_cpu:.0f} s CPU)")


if __name__ == "__main__":
    main()
