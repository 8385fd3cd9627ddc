#!/usr/bin/env python3
"""gen-dicom.py N SIZE_KB DIR: N distinct CT instances of about SIZE_KB each, for the benchmarks.

Part 10 files, explicit VR little endian, square 16-bit monochrome frames whose side gives the size
(512 KB -> 512 x 512). Instances are grouped into series (INSTANCES_PER_SERIES, 250) and studies
(SERIES_PER_STUDY, 2), one patient per study, each with its own instance number and slice position, so
both DICOMweb servers and the previewer see realistic series. Pixel values are pseudo-random (seeded by the
instance number) so files do not deduplicate and do not compress to nothing.
"""
import math
import os
import random
import struct
import sys

LONG_VRS = {b"OB", b"OW", b"OF", b"OD", b"OL", b"OV", b"SQ", b"UT", b"UN", b"UC", b"UR", b"SV", b"UV"}
ROOT = "1.2.826.0.1.3680043.10.1234"  # example root for generated data; the UIDs are unique per run, not world-wide
CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
EXPLICIT_LE = "1.2.840.10008.1.2.1"
HIGH_NIBBLE_CLEARED = bytes(b & 0x0F for b in range(256))


def element(group, elem, vr, value):
    if isinstance(value, str):
        value = value.encode("ascii")
        value += (b"\0" if vr == b"UI" else b" ") * (len(value) % 2)
    head = struct.pack("<HH", group, elem) + vr
    if vr in LONG_VRS:
        return head + b"\0\0" + struct.pack("<I", len(value)) + value
    return head + struct.pack("<H", len(value)) + value


def us(v):
    return struct.pack("<H", v)


def instance(sop_uid, study, series, number, patient, side, seed):
    pixels = bytearray(random.Random(seed).randbytes(side * side * 2))
    # 12 bits stored: clear the top nibble of each little-endian sample's high byte
    pixels[1::2] = pixels[1::2].translate(HIGH_NIBBLE_CLEARED)
    pixels = bytes(pixels)
    meta_body = b"".join([
        element(0x0002, 0x0001, b"OB", b"\0\1"),
        element(0x0002, 0x0002, b"UI", CT_STORAGE),
        element(0x0002, 0x0003, b"UI", sop_uid),
        element(0x0002, 0x0010, b"UI", EXPLICIT_LE),
        element(0x0002, 0x0012, b"UI", ROOT + ".0"),
    ])
    meta = element(0x0002, 0x0000, b"UL", struct.pack("<I", len(meta_body))) + meta_body
    data = b"".join([
        element(0x0008, 0x0008, b"CS", "ORIGINAL\\PRIMARY\\AXIAL"),
        element(0x0008, 0x0016, b"UI", CT_STORAGE),
        element(0x0008, 0x0018, b"UI", sop_uid),
        element(0x0008, 0x0020, b"DA", "20240115"),
        element(0x0008, 0x0030, b"TM", "101500"),
        element(0x0008, 0x0050, b"SH", "ACC%05d" % patient),
        element(0x0008, 0x0060, b"CS", "CT"),
        element(0x0008, 0x103E, b"LO", "bench series"),
        element(0x0010, 0x0010, b"PN", "Bench^Patient%d" % patient),
        element(0x0010, 0x0020, b"LO", "BENCH%05d" % patient),
        element(0x0018, 0x0050, b"DS", "1.0"),
        element(0x0020, 0x000D, b"UI", study),
        element(0x0020, 0x000E, b"UI", series),
        element(0x0020, 0x0013, b"IS", str(number)),
        element(0x0020, 0x0032, b"DS", "0\\0\\%d" % number),
        element(0x0020, 0x0037, b"DS", "1\\0\\0\\0\\1\\0"),
        element(0x0028, 0x0002, b"US", us(1)),
        element(0x0028, 0x0004, b"CS", "MONOCHROME2"),
        element(0x0028, 0x0010, b"US", us(side)),
        element(0x0028, 0x0011, b"US", us(side)),
        element(0x0028, 0x0030, b"DS", "0.7\\0.7"),
        element(0x0028, 0x0100, b"US", us(16)),
        element(0x0028, 0x0101, b"US", us(12)),
        element(0x0028, 0x0102, b"US", us(11)),
        element(0x0028, 0x0103, b"US", us(0)),
        element(0x0028, 0x1050, b"DS", "40"),
        element(0x0028, 0x1051, b"DS", "400"),
        element(0x0028, 0x1052, b"DS", "-1024"),
        element(0x0028, 0x1053, b"DS", "1"),
        element(0x7FE0, 0x0010, b"OW", pixels),
    ])
    return b"\0" * 128 + b"DICM" + meta + data


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gen-dicom.py N SIZE_KB DIR")
    n, size_kb, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    per_series = int(os.environ.get("INSTANCES_PER_SERIES", "250"))
    per_study = int(os.environ.get("SERIES_PER_STUDY", "2"))
    side = max(8, int(math.sqrt(size_kb * 1024 / 2)))
    os.makedirs(out, exist_ok=True)
    run = "%d%d" % (os.getpid(), random.SystemRandom().randrange(10**6))
    for i in range(n):
        series_no, number = divmod(i, per_series)
        study_no = series_no // per_study
        study = "%s.%s.%d" % (ROOT, run, study_no + 1)
        series = "%s.%d" % (study, series_no + 1)
        sop = "%s.%d" % (series, number + 1)
        with open(os.path.join(out, "ct%06d.dcm" % i), "wb") as f:
            f.write(instance(sop, study, series, number + 1, study_no + 1, side, hash((run, i))))
    print("generated %d instances of %d x %d 16-bit in %s" % (n, side, side, out))


if __name__ == "__main__":
    main()
