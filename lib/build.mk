# librosetta: what every part of the project shares (lib/): the host/guest
# contract and the command line manners.
ARCHIVES += librosetta
librosetta_SRCS := $(wildcard lib/*.c)

# Every tests/unit/test_lib_*.c is a unit test of the library.
LIB_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_lib_*.c))
UNIT_TESTS += $(LIB_TESTS)
$(foreach t,$(LIB_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c))
$(foreach t,$(LIB_TESTS),$(eval $(t)_ARCHIVES := librosetta))
