#!/usr/bin/env python3
"""Hostile images for rosetta-mkroot's tests: each case an OCI layout
(tag "latest", linux/amd64) that a safe unpacker must refuse whole, written
by hand because no image tool writes them. A case's layer is hostile, or its
blobs do not match their descriptors, or it offers no amd64 platform.

Usage: hostile-images.py OUTDIR   writes OUTDIR/CASE for each case below and
                                  OUTDIR/CASES: "CASE<TAB>ENTRY<TAB>RULE" per
                                  line, ENTRY the name the refusal must give,
                                  RULE an extended regular expression (matched
                                  ignoring case) its message must match

Names outside the tree point at /tmp/rosetta-hostile-* so that an unpacker
that follows them leaves a file the test finds; nothing here names a file
whose change would harm the machine.
"""
import gzip
import hashlib
import io
import json
import os
import shutil
import sys
import tarfile

DEEP = "../" * 16  # more than any output path has components
MANIFEST = "application/vnd.oci.image.manifest.v1+json"
LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"


def entry(name, kind=tarfile.REGTYPE, data=b"", link="", mode=0o644):
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.mode = kind, link, mode
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    info.mtime = 1700000000
    return info, data


def d(name):
    return entry(name, tarfile.DIRTYPE, mode=0o755)


def f(name, data=b"hostile\n"):
    return entry(name, data=data)


def sym(name, target):
    return entry(name, tarfile.SYMTYPE, link=target, mode=0o777)


def hard(name, target):
    return entry(name, tarfile.LNKTYPE, link=target)


def layer(entries):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in entries:
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), mtime=0)


def blob(out, data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    with open(os.path.join(out, "blobs", "sha256", digest[7:]), "wb") as fp:
        fp.write(data)
    return digest


def descriptor(media, digest, data):
    return {"mediaType": media, "digest": digest, "size": len(data)}


def write_layout(out, layer_data, arch="amd64", layer_desc=None):
    """An OCI layout of one layer; layer_desc, when given, replaces the
    layer's descriptor (a digest no blob has)."""
    os.makedirs(os.path.join(out, "blobs", "sha256"))
    ldesc = descriptor(LAYER, blob(out, layer_data), layer_data)
    diff_id = "sha256:" + hashlib.sha256(gzip.decompress(layer_data)).hexdigest()
    config = json.dumps({
        "architecture": arch, "os": "linux",
        "config": {"Cmd": ["/bin/sh"]},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]}}).encode()
    cdesc = descriptor("application/vnd.oci.image.config.v1+json", blob(out, config), config)
    manifest = json.dumps({"schemaVersion": 2, "mediaType": MANIFEST, "config": cdesc,
                           "layers": [layer_desc or ldesc]}).encode()
    mdesc = descriptor(MANIFEST, blob(out, manifest), manifest)
    mdesc["annotations"] = {"org.opencontainers.image.ref.name": "latest"}
    with open(os.path.join(out, "index.json"), "w") as fp:
        json.dump({"schemaVersion": 2, "manifests": [mdesc]}, fp)
    with open(os.path.join(out, "oci-layout"), "w") as fp:
        json.dump({"imageLayoutVersion": "1.0.0"}, fp)
    return ldesc


BASE = [d("etc/"), f("etc/hostname", b"hostile\n")]

# CASE: (layer entries, the entry the refusal names, its rule's words)
LAYER_CASES = {
    "dotdot": ([f("../rosetta-hostile-dotdot")],
               "../rosetta-hostile-dotdot", r"\.\.|outside|escape"),
    "absolute": ([f("/tmp/rosetta-hostile-absolute")],
                 "/tmp/rosetta-hostile-absolute", r"absolute"),
    "symlink-file": ([sym("tmpdir", "/tmp"), f("tmpdir/rosetta-hostile-symlink")],
                     "tmpdir/rosetta-hostile-symlink", r"symlink|symbolic link"),
    "symlink-dotdot-file": ([sym("up", DEEP + "tmp"), f("up/rosetta-hostile-symlink-dotdot")],
                            "up/rosetta-hostile-symlink-dotdot", r"symlink|symbolic link"),
    "symlink-hardlink": ([sym("out", DEEP + "tmp"), hard("stolen", "out/rosetta-hostile-target")],
                         "stolen", r"symlink|symbolic link"),
    "hardlink-outside": ([hard("stolen", DEEP + "tmp/rosetta-hostile-target")],
                         "stolen", r"hard ?link|\.\.|outside"),
    "hardlink-absolute": ([hard("stolen", "/tmp/rosetta-hostile-target")],
                          "stolen", r"hard ?link|absolute|outside"),
    "bare-whiteout": ([d("srv/"), f("srv/.wh.", b"")], "srv/.wh.", r"whiteout"),
    "whiteout-dotdot": ([d("srv/"), f("srv/.wh...", b"")], "srv/.wh...", r"whiteout"),
}


def broken_blob_cases(outdir, cases):
    """Layouts whose single benign layer does not match its descriptor."""
    data = layer(BASE)
    ldesc = write_layout(os.path.join(outdir, "digest-mismatch"), data)
    path = os.path.join(outdir, "digest-mismatch", "blobs", "sha256", ldesc["digest"][7:])
    with open(path, "r+b") as fp:  # same size, one byte changed
        fp.seek(len(data) // 2)
        fp.write(bytes([data[len(data) // 2] ^ 0xFF]))
    cases.append(("digest-mismatch", ldesc["digest"], r"digest|mismatch|does not match"))

    ldesc = write_layout(os.path.join(outdir, "truncated-blob"), data)
    path = os.path.join(outdir, "truncated-blob", "blobs", "sha256", ldesc["digest"][7:])
    os.truncate(path, len(data) // 2)
    cases.append(("truncated-blob", ldesc["digest"], r"truncat|short|size"))

    # A digest that is a path out of blobs/ to a file every machine has.
    bad = {"mediaType": LAYER, "digest": "sha256:../../../../../../../../etc/hostname",
           "size": 8}
    write_layout(os.path.join(outdir, "digest-path"), data, layer_desc=bad)
    cases.append(("digest-path", bad["digest"], r"digest"))

    write_layout(os.path.join(outdir, "arm64-only"), data, arch="arm64")
    cases.append(("arm64-only", "arm64", r"platform|amd64"))


def main(outdir):
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    cases = []
    for name, (entries, named, rule) in LAYER_CASES.items():
        write_layout(os.path.join(outdir, name), layer(BASE + entries))
        cases.append((name, named, rule))
    broken_blob_cases(outdir, cases)
    with open(os.path.join(outdir, "CASES"), "w") as fp:
        for case in cases:
            fp.write("\t".join(case) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: hostile-images.py OUTDIR")
    main(sys.argv[1])
