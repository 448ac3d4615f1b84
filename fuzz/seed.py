#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from the committed test data (run from anywhere):
tests/data/*.jsonl (error bodies, redaction inputs) and tests/data/fuzz/seed_*.
Nothing here is committed; the corpus directories are ignored by fuzz/.gitignore."""
import hashlib
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "fuzz" / "corpus"


def put(target, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def field(name):
    for f in sorted(DATA.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                v = json.loads(line).get(name)
                if isinstance(v, str) and v:
                    yield v.encode("utf-8")


errors = list(field("body"))
pastes = list(field("input"))
seeds = [p.read_bytes() for p in sorted((DATA / "fuzz").glob("seed*"))]

for s in errors:
    put("diagnose", s)
    put("redact", s)
for s in pastes + seeds:
    put("request", s)
    put("redact", s)
    put("diagnose", s)
for s in seeds + [p for p in pastes if p.lstrip().startswith(b"{")]:
    put("har", b"\x01" + s)  # odd first byte: the text as pasted
# Even first byte: a built HAR from NUL-separated fields (method, url, header count, name,
# value..., body, response kind).
for i, p in enumerate(pastes):
    fields = [b"POST", b"https://api.openai.com/v1/chat/completions", b"x" * (1 + i % 3)]
    fields += [b"authorization", b"Bearer " + p[:80], b"cookie", b"sid=" + p[-40:], b"h", b"v"][: 2 * (1 + i % 3)]
    fields += [p, b"r" * (i % 8)]
    put("har", b"\x00" + b"\x00".join(fields))

for t in sorted(CORPUS.iterdir()):
    print(t.name, len(list(t.iterdir())))
