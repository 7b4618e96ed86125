# rosetta-kconfig: checks a guest kernel's configuration against the
# fragments of kernel-config/, on the host and in the guest; a main and its
# reporter over libkconfig.
HOST_PROGS += rosetta-kconfig
GUEST_PROGS += rosetta-kconfig
rosetta-kconfig_SRCS := tools/rosetta-kconfig/main.c tools/rosetta-kconfig/report.c
rosetta-kconfig_ARCHIVES := $(KCONFIG_ARCHIVES)
