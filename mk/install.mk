# make install / uninstall (the guest's programs, for an ARM64 distribution
# image), make install-host / uninstall-host (the host tools), make deb.
# Every file installed is one row of a table below, KIND SOURCE DESTINATION;
# mk/install.sh does each row: prog (0755), data (0644), unit (0644, with
# @SBINDIR@ and @SELFTEST@ replaced), conf (0644, never overwritten and
# never removed). Paths cannot contain blanks.

PREFIX ?= /usr
BINDIR ?= $(PREFIX)/bin
SBINDIR ?= $(PREFIX)/sbin
LIBDIR ?= $(PREFIX)/lib
PKGLIBDIR ?= $(LIBDIR)/rosetta-guest
MANDIR ?= $(PREFIX)/share/man
UNITDIR ?= $(or $(shell pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null),$(PREFIX)/lib/systemd/system)
# Not under PREFIX: rosettactl activate and rosetta-init read /etc/rosetta-init.conf.
SYSCONFDIR ?= /etc
# rosettactl's default self-test program is /lib/rosetta/selftest
# (binfmt/selftest.h), which is this path with PREFIX=/usr on a merged-/usr
# system; the unit passes the installed path with --program whatever PREFIX is.
SELFTEST ?= $(LIBDIR)/rosetta/selftest

VERSION := $(shell sed -n 's/^\#define PROJECT_VERSION "\(.*\)"$$/\1/p' lib/cli.h)
DEB := $(BUILD)/rosetta-guest_$(VERSION)_arm64.deb

GUEST_INSTALL := \
	prog $(BUILD)/guest/rosettactl.stripped $(SBINDIR)/rosettactl \
	prog $(BUILD)/guest/binfmtctl.stripped $(SBINDIR)/binfmtctl \
	prog $(BUILD)/guest/rosetta-kconfig.stripped $(SBINDIR)/rosetta-kconfig \
	prog $(BUILD)/guest/rosetta-init.stripped $(PKGLIBDIR)/rosetta-init \
	prog $(SELFTEST_PROG) $(SELFTEST) \
	data docs/rosettactl.8 $(MANDIR)/man8/rosettactl.8 \
	data docs/rosetta-init.8 $(MANDIR)/man8/rosetta-init.8 \
	data docs/rosetta-activate.service.8 $(MANDIR)/man8/rosetta-activate.service.8 \
	data docs/binfmtctl.1 $(MANDIR)/man1/binfmtctl.1 \
	data docs/rosetta-kconfig.1 $(MANDIR)/man1/rosetta-kconfig.1 \
	unit packaging/systemd/rosetta-activate.service.in $(UNITDIR)/rosetta-activate.service \
	unit packaging/systemd/rosetta-cache.service.in $(UNITDIR)/rosetta-cache.service \
	conf packaging/rosetta-init.conf $(SYSCONFDIR)/rosetta-init.conf

HOST_INSTALL := \
	$(foreach p,$(HOST_PROGS),prog $(BUILD)/host/$(p) $(BINDIR)/$(p)) \
	data docs/rosetta-launch.1 $(MANDIR)/man1/rosetta-launch.1 \
	data docs/rosetta-mkinitramfs.1 $(MANDIR)/man1/rosetta-mkinitramfs.1 \
	data docs/binfmtctl.1 $(MANDIR)/man1/binfmtctl.1 \
	data docs/rosetta-kconfig.1 $(MANDIR)/man1/rosetta-kconfig.1 \
	data docs/rosettactl.8 $(MANDIR)/man8/rosettactl.8

# $(call install_rows,ACTION,TABLE): one row a line into mk/install.sh.
install_rows = printf '%s %s %s\n' $(2) | DESTDIR='$(DESTDIR)' SBINDIR='$(SBINDIR)' \
	SELFTEST='$(SELFTEST)' sh mk/install.sh $(1)

# The sources of a table: its second words.
table_sources = $(foreach i,$(shell seq 2 3 $(words $(1))),$(word $(i),$(1)))

install: $(call table_sources,$(GUEST_INSTALL))
	@$(call install_rows,install,$(GUEST_INSTALL))

uninstall:
	@$(call install_rows,uninstall,$(GUEST_INSTALL))

install-host: $(call table_sources,$(HOST_INSTALL))
	@$(call install_rows,install,$(HOST_INSTALL))

uninstall-host:
	@$(call install_rows,uninstall,$(HOST_INSTALL))

# The package is assembled from `make install` and dpkg-deb, not built by
# dpkg-buildpackage: the programs are cross-built static aarch64 binaries,
# and dpkg-buildpackage would want an arm64 build environment
# (README.md, Distro images). Debian bookworm's unit directory is /lib.
DEB_ROOT := $(BUILD)/deb-root
$(DEB): $(call table_sources,$(GUEST_INSTALL)) $(wildcard packaging/debian/*) mk/deb.sh mk/install.sh
	@rm -rf $(DEB_ROOT)
	@$(MAKE) --no-print-directory install DESTDIR=$(DEB_ROOT) PREFIX=/usr \
		UNITDIR=/lib/systemd/system SYSCONFDIR=/etc >/dev/null
	@sh mk/deb.sh $(DEB_ROOT) $(VERSION) $@

deb: $(DEB)

.PHONY: install uninstall install-host uninstall-host deb
