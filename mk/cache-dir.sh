# The cache of expensive products (kernels, Debian trees) shared by every
# clone on the machine; sourced by the scripts that fill it. ROSETTA_CACHE
# moves it. lib/cache_dir.h states the same rule for the C tools.
ROSETTA_CACHE=${ROSETTA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rosetta-guest}
