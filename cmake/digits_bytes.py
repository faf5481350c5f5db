"""Writes the UCI optical digits (scikit-learn's digits.csv.gz: one 8x8 image a row, 64 grey
levels 0..16, then the label) as raw bytes, 65 a row, for embedding at build time.
usage: digits_bytes.py IN.csv.gz OUT.bin"""
import gzip
import sys

rows = []
with gzip.open(sys.argv[1], "rt") as f:
    for line in f:
        if line.strip():
            values = [int(float(v)) for v in line.split(",")]
            if len(values) != 65 or not all(0 <= v <= 16 for v in values[:64]) or not 0 <= values[64] <= 9:
                sys.exit("digits_bytes.py: unexpected row %d in %s" % (len(rows) + 1, sys.argv[1]))
            rows.append(bytes(values))
if len(rows) != 1797:
    sys.exit("digits_bytes.py: expected 1797 rows in %s, found %d" % (sys.argv[1], len(rows)))
with open(sys.argv[2], "wb") as f:
    f.write(b"".join(rows))
