"""The ECB+ corpus (Cybulska & Vossen, LREC 2014) as a folder of plain-text articles.

ECB+ holds 982 news articles in 43 topics; each topic holds two stories of one kind (its
``ecb`` and its ``ecbplus`` files, e.g. two different rehab stays of two actresses), so 86
gold stories. The XML files of the public ``cltl/ECB-parser`` repository hold the tokens of
each article; this module writes each article's tokens back as text (one paragraph per
sentence; an ``ecbplus`` file's first line, its source URL, becomes the ``outlet``) into a
cache folder, once. The corpus is large and not ours: it is never committed.

    python -m benchmarks.ecbplus [--git-dir DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

#: Where the workplace mirrors the cltl/ECB-parser repository (a git directory).
DEFAULT_GIT_DIR = Path("/work/.mirror/cltl+ECB-parser/repo/.git")
DEFAULT_OUT = Path("/tmp/newscompare-ecbplus")
_NAME = re.compile(r"^ECB\+/(\d+)/(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ll|'ve|'d|'m)(?=\s|$)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def gold_story(file_name: str) -> str:
    """The gold story of an article file: its topic and half, e.g. ``1_10ecbplus.txt`` ->
    ``1/ecbplus``."""
    match = re.match(r"^(?:\d+-)?(\d+)_\d+(ecb|ecbplus)\b", Path(file_name).name)
    if match is None:
        raise ValueError(f"{file_name}: not an ECB+ article name")
    return f"{match.group(1)}/{match.group(2)}"


def _detokenize(tokens: Sequence[str]) -> str:
    text = " ".join(tokens).replace("``", '"').replace("''", '"')
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def article_text(xml: bytes) -> tuple[str, str]:
    """(outlet, text) of one ECB+ XML document."""
    root = ElementTree.fromstring(xml)
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    lines = [_detokenize(sentences[k]) for k in sorted(sentences)]
    outlet = ""
    if lines and lines[0].replace(" ", "").startswith("http"):
        url = lines.pop(0).replace(" ", "")
        outlet = urlparse(url).netloc
    return outlet, "\n\n".join(line for line in lines if line.strip()) + "\n"


def build(git_dir: Path = DEFAULT_GIT_DIR, out: Path = DEFAULT_OUT) -> Path:
    """Write every article of the corpus to ``out`` (once; a complete cache is reused)."""
    listing = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "-r", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    blobs = []
    for line in listing:
        meta, _, path = line.partition("\t")
        if _NAME.match(path):
            blobs.append((meta.split()[2], path))
    done = out / ".complete"
    if done.is_file() and done.read_text() == str(len(blobs)):
        return out
    out.mkdir(parents=True, exist_ok=True)
    batch = subprocess.run(
        ["git", "--git-dir", str(git_dir), "cat-file", "--batch"],
        input="".join(f"{sha}\n" for sha, _ in blobs).encode(),
        capture_output=True,
        check=True,
    ).stdout
    pos = 0
    for _, path in blobs:
        header_end = batch.index(b"\n", pos)
        size = int(batch[pos:header_end].split()[2])
        body = batch[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
        outlet, text = article_text(body)
        front = f"---\noutlet: {outlet}\n---\n" if outlet else ""
        (out / (Path(path).stem + ".txt")).write_text(front + text, encoding="utf-8")
    done.write_text(str(len(blobs)))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ecbplus", description=__doc__)
    parser.add_argument("--git-dir", type=Path, default=DEFAULT_GIT_DIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.git_dir.is_dir():
        print(f"benchmarks.ecbplus: {args.git_dir}: no such git directory", file=sys.stderr)
        return 2
    out = build(args.git_dir, args.out)
    print(f"{len(list(out.glob('*.txt')))} articles in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
