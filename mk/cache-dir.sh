# The cache of expensive products (kernels, Debian trees) shared by every
# clone on the machine; sourced by the scripts that fill it. ROSETTA_CACHE
# moves it.
ROSETTA_CACHE=${ROSETTA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rosetta-guest}
