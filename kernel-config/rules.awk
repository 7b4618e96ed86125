# Write the C table of rosetta-kconfig's rules (rules.h) from the fragments
# named on the command line: each "CONFIG_X=VALUE" or "# CONFIG_X is not
# set" line is a rule, its why the one comment line right above it, its
# level the fragment's name (required.config, recommended.config). An option
# without its one line of why, a line that is none of an option, a comment
# or a blank, and an option written twice all fail the build.
# Usage: awk -f rules.awk required.config recommended.config >rules.c

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg >"/dev/stderr"
	failed = 1
	exit 1
}

function cstring(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return "\"" s "\""
}

function rule(name, want) {
	if (comments == 0)
		fail(name " has no comment line above it saying why")
	if (comments > 1)
		fail(name " has " comments " comment lines above it: its why is one line")
	if (name in seen)
		fail(name " is a rule already, at " seen[name])
	seen[name] = FILENAME ":" FNR
	printf "\t{ %s, %s, KCONFIG_%s, %s },\n", cstring(name), want, toupper(level), cstring(why)
	n++
	comments = 0
}

BEGIN {
	print "/* Written by kernel-config/rules.awk from the fragments: do not edit. */"
	print "#include \"kernel-config/rules.h\""
	print ""
	print "const struct kconfig_rule kconfig_rules[] = {"
}

FNR == 1 {
	level = FILENAME
	sub(/.*\//, "", level)
	sub(/\.config$/, "", level)
	if (level != "required" && level != "recommended")
		fail("not a fragment of rules: required.config or recommended.config")
	comments = 0
}

/^# CONFIG_[A-Za-z0-9_]+ is not set$/ {
	rule($2, "NULL")
	next
}

/^CONFIG_[A-Za-z0-9_]+=/ {
	name = $0
	sub(/=.*/, "", name)
	rule(name, cstring(substr($0, length(name) + 2)))
	next
}

/^#/ {
	why = $0
	sub(/^# */, "", why)
	comments++
	next
}

/^[ \t]*$/ {
	comments = 0
	next
}

{
	fail("neither an option, a comment nor a blank line")
}

END {
	if (failed)
		exit 1
	if (n == 0) {
		print "rules.awk: the fragments hold no option" >"/dev/stderr"
		exit 1
	}
	print "};"
	print ""
	printf "const size_t kconfig_nrules = %d;\n", n
}
