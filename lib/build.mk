# librosetta: what every part of the project shares (lib/): the host/guest
# contract, the command line manners, and the small system helpers (whole
# reads and writes, clocks, mkdir -p, signal state, wait statuses, seccomp
# deny lists, SHA-256 and hex), and tables and JSON through libsmartcols.
ARCHIVES += librosetta
librosetta_SRCS := $(wildcard lib/*.c)
librosetta_LIBS := $(SECCOMP_LIBS) $(SMARTCOLS_LIBS)

# Every tests/unit/test_lib_*.c is a unit test of the library.
LIB_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_lib_*.c))
UNIT_TESTS += $(LIB_TESTS)
$(foreach t,$(LIB_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c))
$(foreach t,$(LIB_TESTS),$(eval $(t)_ARCHIVES := librosetta))
