# Pinned Debian source package versions of the libraries linked into the
# guest binaries. The one place to change them; read by mk/deps.sh and make.
UTIL_LINUX_VERSION=2.38.1-5+deb12u3
LIBSECCOMP_VERSION=2.5.4-1+deb12u1
KMOD_VERSION=30+20221128-1
ZLIB_VERSION=1:1.2.13.dfsg-1
# Debian's linux-source package the minimal guest kernel is built from
# (kernel-config/build.sh): the package is linux-source-MAJOR.MINOR.
LINUX_SOURCE_VERSION=6.1.192-3
