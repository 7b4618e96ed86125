# Sourced by bench/run and the parts it runs (kernels.sh, images.sh): how
# a bench script gives up.
die() {
	echo "bench: error: $*" >&2
	exit 1
}
