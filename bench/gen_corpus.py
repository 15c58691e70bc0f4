#!/usr/bin/env python3
"""Writes N synthetic notes shaped like real Korean/English ML notes, deterministically.

usage: bench/gen_corpus.py N OUT_DIR [--source DIR] [--seed S]

Lines come from the notes under SOURCE (default ../shared/corpora/ml-papers beside the
checkout): each synthetic note takes a title from a real file name, a date prefix, an arXiv link
with a fresh id, and a number of body lines drawn from the real distribution of lines per note,
mixing Korean prose, English terms and #hashtags as the source does. The same N, SOURCE and SEED
give the same bytes (files are spread over 100 folders of 1,000 at most).
"""
import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared")


def read_source(folder):
    titles, lines, tag_lines, lengths = [], [], [], []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                body = [line.rstrip("\n") for line in f if line.strip()]
            titles.append(os.path.splitext(name)[0].split(" ", 1)[-1])
            lengths.append(len(body))
            for line in body:
                if line.startswith("https://arxiv.org/"):
                    continue
                (tag_lines if line.startswith("#") else lines).append(line)
    if not lines:
        sys.exit(f"gen_corpus: no .md notes under {folder}")
    return titles, lines, tag_lines, lengths


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--source", default=os.path.join(SHARED, "corpora", "ml-papers"))
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()

    titles, lines, tag_lines, lengths = read_source(args.source)
    rng = random.Random(args.seed)
    written = 0
    for i in range(args.count):
        folder = os.path.join(args.out, f"{i // 1000:03d}")
        if i % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        year, month, day = rng.randint(19, 23), rng.randint(1, 12), rng.randint(1, 28)
        title = rng.choice(titles).replace("/", " ")
        arxiv = f"{year:02d}{month:02d}.{rng.randint(1, 29999):05d}"
        body = [f"https://arxiv.org/abs/{arxiv}", ""]
        body += rng.sample(lines, min(len(lines), max(1, rng.choice(lengths) - 2)))
        if tag_lines and rng.random() < 0.8:
            body += ["", rng.choice(tag_lines)]
        text = "\n".join(body) + "\n"
        name = f"{year:02d}{month:02d}{day:02d} {title} {i}.md"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
        written += len(text.encode("utf-8"))
    print(f"gen_corpus: {args.count} notes, {written / 2**20:.1f} MiB in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
