#!/usr/bin/env python3
"""A multi-platform image for rosetta-mkroot's tests: an OCI layout whose tag
"latest" names an image index of the tagged manifests of other layouts, each
with its platform read from its configuration. The first one given comes
first in the index, so that a reader taking the first entry instead of its
platform's is caught. umoci and skopeo 1.9 cannot make an index of several
platforms; the blobs stay the tools' own.

Usage: index.py OUT LAYOUT...
"""
import hashlib
import json
import os
import shutil
import sys

INDEX = "application/vnd.oci.image.index.v1+json"


def blob_path(layout, digest):
    algo, hexd = digest.split(":", 1)
    return os.path.join(layout, "blobs", algo, hexd)


def load_blob(layout, desc):
    with open(blob_path(layout, desc["digest"]), "rb") as f:
        return json.load(f)


def write_blob(out, data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    with open(blob_path(out, digest), "wb") as f:
        f.write(data)
    return digest


def platform_entry(layout, out):
    """The layout's "latest" manifest descriptor with its platform; its blobs
    copied into out."""
    with open(os.path.join(layout, "index.json")) as f:
        desc = dict(json.load(f)["manifests"][0])
    manifest = load_blob(layout, desc)
    config = load_blob(layout, manifest["config"])
    for d in [desc, manifest["config"]] + manifest["layers"]:
        shutil.copyfile(blob_path(layout, d["digest"]), blob_path(out, d["digest"]))
    desc.pop("annotations", None)
    desc["platform"] = {"architecture": config["architecture"], "os": config["os"]}
    return desc


def main(out, layouts):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "blobs", "sha256"))
    index = {"schemaVersion": 2, "mediaType": INDEX,
             "manifests": [platform_entry(lay, out) for lay in layouts]}
    data = json.dumps(index, separators=(",", ":")).encode()
    top = {"schemaVersion": 2, "manifests": [{
        "mediaType": INDEX, "digest": write_blob(out, data), "size": len(data),
        "annotations": {"org.opencontainers.image.ref.name": "latest"}}]}
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump(top, f)
    with open(os.path.join(out, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: index.py OUT LAYOUT...")
    main(sys.argv[1], sys.argv[2:])
