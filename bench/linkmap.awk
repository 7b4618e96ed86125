# The bytes of a static program's file that each linked library takes, from
# its GNU ld link map (-Wl,-Map): input sections are summed by the archive
# or object they came from, over the output sections a stripped file keeps
# (not .bss, .tbss, debug info or comments). Prints "NAME BYTES" lines.

function hex(s,    i, c, v) {
	v = 0
	s = tolower(substr(s, 3))
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1))
		v = v * 16 + c - 1
	}
	return v
}

function origin(path) {
	if (path ~ /libmount\.a\(/) return "libmount"
	if (path ~ /libblkid\.a\(/) return "libblkid"
	if (path ~ /libkmod\.a\(/) return "libkmod"
	if (path ~ /libseccomp\.a\(/) return "libseccomp"
	if (path ~ /libgcc/) return "libgcc"
	if (path ~ /musl|libc\.a\(|crt[1in]\.o|crt[be]/) return "musl"
	if (path ~ /lib\/guest\/libbinfmt\.a\(/) return "libbinfmt"
	# The program's own code: its main and the project's other archives.
	if (path ~ /obj\/guest\/|lib\/guest\/lib[a-z]+\.a\(/) return "rosetta-init"
	return "other"
}

function add(size, path) {
	if (!keep || size == 0)
		return
	bytes[origin(path)] += size
}

/^Linker script and memory map/ { inmap = 1; next }
!inmap { next }

# An output section: ".text  0x... 0x..." at the start of a line.
/^\.[A-Za-z_]/ {
	keep = $1 !~ /^\.(bss|tbss|debug|comment|stab|gnu\.attributes|note\.gnu\.gold)/
	next
}

# An input section on one line: " .text.f  0xADDR  0xSIZE  FILE".
/^ \.[^ ]+ +0x[0-9a-f]+ +0x[0-9a-f]+ / { add(hex($3), $4); next }

# An input section whose name was too long: its address, size and file
# follow on the next line.
/^ \.[^ ]+$/ { pending = 1; next }
pending && /^ +0x[0-9a-f]+ +0x[0-9a-f]+ / { add(hex($2), $3) }
{ pending = 0 }

END {
	for (name in bytes)
		printf "%s %d\n", name, bytes[name]
}
