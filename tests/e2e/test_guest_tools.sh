#!/bin/sh
# The guest's own binfmtctl (static aarch64, in the x86-64 tree's /usr/sbin)
# from the switched root: it shows the entry rosetta-init registered, and
# verifies the translator with a SHA-256 pin through the guest's AF_ALG
# (a module in Debian's kernel, which rosetta-init loads for its own pin).
. "$(dirname "$0")/lib.sh"

sum=$(sha256sum "$share/rosetta" | cut -d' ' -f1)
boot guest-binfmtctl "$share" --cmdline "rosetta.sha256=$sum" -- /bin/sh -c \
	"/usr/sbin/binfmtctl show rosetta; /usr/sbin/binfmtctl verify --sha256 $sum /run/rosetta/rosetta; /usr/sbin/binfmtctl conflicts; echo conflicts-exit: \$?"
expect_status 0 "the tools ran"
expect_text "/run/rosetta/rosetta: a static aarch64 executable, " "verify passes in the guest"
expect_text "on a read-only mount, SHA-256 as pinned" "the pin is checked with the guest's AF_ALG"
expect_text "/run/rosetta/rosetta" "show names the interpreter"
expect_line "conflicts-exit: 0"
expect_no_panic
