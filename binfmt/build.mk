# libbinfmt: binfmt_misc entries, ELF checks for interpreters.
UNIT_TESTS += test_binfmt_entry test_binfmt_elf
test_binfmt_entry_SRCS := tests/unit/test_binfmt_entry.c binfmt/entry.c
test_binfmt_elf_SRCS := tests/unit/test_binfmt_elf.c binfmt/elf.c
