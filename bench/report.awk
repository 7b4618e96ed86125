# The report of `make bench`: reads the samples bench/run gathered, lines
# "VARIANT KEY VALUE", prints a markdown table and writes the same figures
# as JSON to the file named by -v json=. Medians throughout; ratios are
# script / rosetta-init (above 1: rosetta-init is faster). -v names= is
# the file of "NR NAME" lines bench/syscall-names.sh made from the kernel
# headers, for the names of PID 1's system calls.

BEGIN {
	while (names != "" && (getline line < names) > 0) {
		split(line, f, " ")
		sysname[f[1]] = f[2]
	}
}

{
	n = ++count[$1, $2]
	val[$1, $2, n] = $3
	if (n == 1 && $1 == "footprint" && $2 ~ /^lib_/)
		libkey[++nlibs] = $2
	# The probe says rosetta-init's stages in their order (contract.h's).
	if ($2 ~ /^stage_[a-z]+_us$/ && !seen_stage[$2]++) {
		st = $2
		gsub(/^stage_|_us$/, "", st)
		stage_name[++nstages] = st
	}
	if ($1 == "syscalls-rosetta" && $2 ~ /^nr_[0-9]+_calls$/ && !seen_nr[$2]++) {
		nr = $2
		gsub(/^nr_|_calls$/, "", nr)
		nrs[++nnrs] = nr
	}
}

function median(variant, key,    n, i, j, t, a) {
	n = count[variant, key]
	if (!n)
		return ""
	for (i = 1; i <= n; i++)
		a[i] = val[variant, key, i] + 0
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

# The "sooner in every boot" target: boot i of a against boot i of b, the
# pair booted one after the other (A B, then B A).
function every_boot(label, a, b, key,    n, i, won) {
	n = count[a, key]
	if (!n || count[b, key] != n)
		return
	for (i = 1; i <= n; i++)
		won += val[a, key, i] + 0 < val[b, key, i] + 0
	target(label, "sooner in every boot", sprintf("%d of %d", won, n), won == n)
}

function first(variant, key) {
	return count[variant, key] ? val[variant, key, 1] : ""
}

function samples(variant, key,    n, i, s) {
	n = count[variant, key]
	s = ""
	for (i = 1; i <= n; i++)
		s = s (i > 1 ? ", " : "") val[variant, key, i]
	return "[" s "]"
}

function ms(us) {
	return us == "" ? "n/a" : sprintf("%.1f ms", us / 1000)
}

function ratio(a, b) {
	return (a == "" || b == "" || b == 0) ? "" : a / b
}

function times(r) {
	return r == "" ? "n/a" : sprintf("%.2f×", r)
}

function kb(k) {
	return k == "" ? "n/a" : k " kB"
}

function kib(b) {
	return sprintf("%.0f KiB", b / 1024)
}

# Every timing boot of both inits (variants a, rosetta-init, and b, the
# script) must end with the same modules loaded: otherwise they did not do
# the same work.
function same_modules(a, b,    i, ref) {
	ref = first(a, "modules")
	for (i = 1; i <= count[a, "modules"]; i++)
		if (val[a, "modules", i] != ref)
			return 0
	for (i = 1; i <= count[b, "modules"]; i++)
		if (val[b, "modules", i] != ref)
			return 0
	return ref != "" && count[b, "modules"] == runs
}

# KEY's medians in variants a (rosetta-init) and b (the script), as a JSON
# member: both, their ratio and the samples.
function pair_json(key, a, b,    ma, mb) {
	ma = median(a, key)
	mb = median(b, key)
	return sprintf("\"%s\": {\"rosetta_init_us\": %s, \"script_us\": %s, \"ratio\": %s, " \
		"\"rosetta_init_samples\": %s, \"script_samples\": %s}", key, num(ma), num(mb),
		num(ratio(mb, ma)), samples(a, key), samples(b, key))
}

function timing_row(label, key,    a, b) {
	a = median("rosetta", key)
	b = median("script", key)
	printf "| %s | %s | %s | %s |\n", label, ms(a), ms(b), times(ratio(b, a))
	jtiming = jtiming sprintf("%s\n    %s", jtiming == "" ? "" : ",", pair_json(key, "rosetta", "script"))
}

function num(x) {
	return x == "" ? "null" : x
}

# target LABEL GOAL MEASURED MET: a row of the targets table.
function target(label, goal, measured, met) {
	printf "| %s | %s | %s | %s |\n", label, goal, measured,
		met == "" ? "not measured" : met ? "met" : "**MISSED**"
	jtargets = jtargets sprintf("%s\n    {\"target\": \"%s\", \"goal\": \"%s\", " \
		"\"measured\": \"%s\", \"met\": %s}", jtargets == "" ? "" : ",", label, goal,
		measured, met == "" ? "null" : met ? "true" : "false")
}

function timing_table(    same) {
	same = same_modules("rosetta", "script")
	printf "## Boot: rosetta-init vs. the reference script (%d boots each, alternating; medians)\n\n", runs
	print "Both skip the self-test. Times are CLOCK_BOOTTIME from the guest's kernel trace."
	print ""
	print "| from /init's exec to | rosetta-init | reference script | ratio |"
	print "|---|---:|---:|---:|"
	timing_row("modules loaded (the init's \"modules ... ok\")", "init_to_modules_us")
	timing_row("translator registered (\"register ... ok\")", "init_to_register_us")
	timing_row("**the entry's exec**", "init_to_entry_exec_us")
	timing_row("the entry's first line", "init_to_first_line_us")
	timing_row("(a module loading: the kernel in finit_module, for any of the init's processes)", "module_load_us")
	timing_row("**the init's own work** (to the exec, minus module loading)", "own_work_us")
	printf "\nModules loaded, the same in every boot of both: %s (%s)\n\n", same ? "yes" : "**NO**",
		first("rosetta", "modules")
	jsame = same ? "true" : "false"
}

function syscall_table(    a, b) {
	print "## System calls from /init's exec to the entry's exec (raw_syscalls trace)"
	print ""
	print "| | rosetta-init | reference script |"
	print "|---|---:|---:|"
	printf "| PID 1 | %s | %s |\n", median("syscalls-rosetta", "syscalls_pid1"),
		median("syscalls-script", "syscalls_pid1")
	printf "| PID 1 and the processes it started | %s | %s |\n",
		median("syscalls-rosetta", "syscalls_all"), median("syscalls-script", "syscalls_all")
	printf "| processes | %s | %s |\n\n", median("syscalls-rosetta", "syscall_processes"),
		median("syscalls-script", "syscall_processes")
}

function ms2(us) {
	return us == "" ? "n/a" : sprintf("%.2f ms", us / 1000)
}

function percent(part, whole) {
	return (part == "" || whole == "" || whole == 0) ? "n/a" : sprintf("%.0f %%", 100 * part / whole)
}

# stage_row LABEL TIME CALLS CALL_US TRACED: a row of the stages table.
function stage_row(label, t, calls, cus, traced) {
	printf "| %s | %s | %s | %s | %s | %s |\n", label, ms(t), calls == "" ? "n/a" : calls,
		ms2(cus), percent(cus, traced), ms(traced)
	jstages = jstages sprintf("%s\n    {\"stage\": \"%s\", \"us\": %s, \"syscalls\": %s, " \
		"\"syscall_us\": %s, \"traced_us\": %s}", jstages == "" ? "" : ",", label, num(t),
		num(calls), num(cus), num(traced))
}

# rosetta-init's stages: time from the timing boots, system calls and the
# time inside them from the syscall-traced boots.
function stage_table(    i, s, v) {
	if (!nstages)
		return
	v = "syscalls-rosetta"
	printf "## rosetta-init's stages (medians; time: the %d timing boots, system calls: " \
		"the %d traced boots)\n\n", count["rosetta", "stage_early_us"], count[v, "stage_early_us"]
	print "Each stage runs from the previous one's \"NAME ... ok\" kernel log line (the first from " \
		"/init's exec) to its own; run ends at the entry's execve. Time inside PID 1's system " \
		"calls is from raw_syscalls sys_enter to sys_exit, in boots that trace every call, " \
		"whose stages take the last column's time."
	print ""
	print "| stage | time | PID 1 system calls | time inside them | share of the traced time | time, traced |"
	print "|---|---:|---:|---:|---:|---:|"
	for (i = 1; i <= nstages; i++) {
		s = stage_name[i]
		stage_row(s, median("rosetta", "stage_" s "_us"), median(v, "stage_" s "_calls"),
			median(v, "stage_" s "_sys_us"), median(v, "stage_" s "_us"))
	}
	stage_row("**all, /init to the entry's execve**", median("rosetta", "init_to_entry_exec_us"),
		median(v, "syscalls_pid1"), median(v, "syscalls_pid1_us"),
		median(v, "init_to_entry_exec_us"))
	print ""
}

function sysname_of(nr) {
	return nr in sysname ? sysname[nr] : "NR " nr
}

# top_table TITLE KEY: PID 1's ten system calls with the largest median KEY.
function top_table(title, key,    i, j, t, order, calls, us, out) {
	for (i = 1; i <= nnrs; i++) {
		order[i] = nrs[i]
		calls[nrs[i]] = median("syscalls-rosetta", "nr_" nrs[i] "_calls")
		us[nrs[i]] = median("syscalls-rosetta", "nr_" nrs[i] "_us")
	}
	for (i = 2; i <= nnrs; i++)
		for (j = i; j > 1 && (key == "calls" ? calls[order[j]] > calls[order[j - 1]] : \
				      us[order[j]] > us[order[j - 1]]); j--) {
			t = order[j]; order[j] = order[j - 1]; order[j - 1] = t
		}
	printf "%s\n\n", title
	print "| system call | calls | total time | per call |"
	print "|---|---:|---:|---:|"
	out = ""
	for (i = 1; i <= nnrs && i <= 10; i++) {
		t = order[i]
		printf "| %s | %s | %s | %.0f µs |\n", sysname_of(t), calls[t], ms2(us[t]),
			calls[t] ? us[t] / calls[t] : 0
		out = out sprintf("%s\n      {\"nr\": %s, \"name\": \"%s\", \"calls\": %s, \"us\": %s}",
			out == "" ? "" : ",", t, sysname_of(t), num(calls[t]), num(us[t]))
	}
	print ""
	return out
}

function top_syscalls_tables() {
	if (!nnrs)
		return
	print "## rosetta-init's system calls (PID 1, /init's exec to the entry's execve; medians of " \
		count["syscalls-rosetta", "syscalls_pid1"] " traced boots)"
	print ""
	jtop_count = top_table("By count:", "calls")
	jtop_time = top_table("By total time (inside the call, as traced):", "us")
}

function footprint_table(    i, name, total, b) {
	total = first("footprint", "init_stripped_bytes")
	print "## Footprint"
	print ""
	print "| file | bytes | |"
	print "|---|---:|---:|"
	printf "| rosetta-init, stripped | %d | %s |\n", total, kib(total)
	for (i = 1; i <= nlibs; i++) {
		b = first("footprint", libkey[i])
		name = libkey[i]
		sub(/^lib_/, "", name)
		sub(/_bytes$/, "", name)
		printf "| of which %s (link map) | %d | %.1f %% |\n", name, b, 100 * b / total
		jlibs = jlibs sprintf("%s\"%s\": %d", jlibs == "" ? "" : ", ", name, b)
	}
	printf "| initramfs, gzip | %d | %s |\n", first("footprint", "initramfs_gz_bytes"),
		kib(first("footprint", "initramfs_gz_bytes"))
	printf "| initramfs, uncompressed | %d | %s |\n", first("footprint", "initramfs_raw_bytes"),
		kib(first("footprint", "initramfs_raw_bytes"))
	printf "| Debian busybox-static (aarch64), for scale | %d | %s |\n\n",
		first("footprint", "busybox_static_bytes"), kib(first("footprint", "busybox_static_bytes"))
}

function exec_table(    b, d, n, t) {
	b = first("exec", "exec_binfmt_us"); d = first("exec", "exec_direct_us")
	n = first("exec", "exec_native_us")
	printf "## Program starts in the guest (median of %s each, interleaved)\n\n",
		first("exec", "exec_runs")
	print "| tiny static program | per start | vs. translator named |"
	print "|---|---:|---:|"
	printf "| x86-64 through binfmt_misc | %s | %s |\n", ms(b), times(ratio(b, d))
	printf "| x86-64, translator named explicitly | %s | 1.00× |\n", ms(d)
	printf "| aarch64, native | %s | %s |\n\n", ms(n), times(ratio(n, d))
	printf "rosetta-init's self-test (default on; not in the boot comparison): %s\n\n",
		ms((t = first("exec", "selftest_ms")) == "" ? "" : t * 1000)
	printf "PID 1 (rosetta-init) after boot: VmRSS %s, VmHWM %s (medians)\n\n",
		kb(median("rosetta", "pid1_vmrss_kb")), kb(median("rosetta", "pid1_vmhwm_kb"))
}

# The minimal kernel against Debian's, when bench/kernels.sh ran.
function kernel_row(label, key,    d, m) {
	d = median("kernel-debian", key)
	m = median("kernel-minimal", key)
	printf "| %s | %s | %s | %s |\n", label, ms(d == "" ? "" : d * 1000), ms(m == "" ? "" : m * 1000), times(ratio(d, m))
	jkernels = jkernels sprintf("%s\n    \"%s\": {\"debian\": %s, \"minimal\": %s, \"ratio\": %s, " \
		"\"debian_samples\": %s, \"minimal_samples\": %s}", jkernels == "" ? "" : ",", key,
		num(d), num(m), num(ratio(d, m)), samples("kernel-debian", key), samples("kernel-minimal", key))
}

function kernel_table() {
	if (!count["kernel-minimal", "init_ms"])
		return
	printf "## Kernels: Debian's generic arm64 kernel vs. the minimal one (%d boots each, " \
		"alternating; medians)\n\n", count["kernel-minimal", "init_ms"]
	print "rosetta-init's defaults, self-test included; times from the kernel's start (CLOCK_BOOTTIME)."
	print ""
	print "| from the kernel's start to | Debian (modules) | minimal (built in) | ratio |"
	print "|---|---:|---:|---:|"
	kernel_row("/init", "init_ms")
	kernel_row("**the x86-64 entry's first line**", "first_line_ms")
	kernel_row("power-off (host wall clock, from rosetta-launch's start)", "wall_ms")
	print ""
	script_vs_minimal()
}

# What users copy (Debian's kernel, the reference script, no self-test)
# against the minimal kernel with rosetta-init's defaults (self-test included).
function script_vs_minimal(    s, m, b) {
	s = median("kernel-script", "first_line_ms")
	m = median("kernel-minimal", "first_line_ms")
	b = median("kernel-minimal-noselftest", "first_line_ms")
	if (s == "")
		return
	printf "Debian's kernel with the reference script: the x86-64 entry's first line at %s " \
		"from the kernel's start; the minimal kernel with rosetta-init %s sooner with the " \
		"self-test (%s), %s without it (%s).\n\n", ms(s * 1000), times(ratio(s, m)),
		ms(m * 1000), times(ratio(s, b)), ms(b == "" ? "" : b * 1000)
	jkernels = jkernels sprintf(",\n    \"script_first_line_ms\": {\"script\": %s, " \
		"\"minimal\": %s, \"minimal_noselftest\": %s, \"ratio\": %s, " \
		"\"ratio_noselftest\": %s, \"script_samples\": %s}", num(s), num(m), num(b),
		num(ratio(s, m)), num(ratio(s, b)), samples("kernel-script", "first_line_ms"))
}

# rosetta-launch --image, cold and warm cache, when bench/images.sh ran.
function image_row(name,    c, w, cp, wp) {
	c = median("image-" name "-cold", "first_line_ms")
	w = median("image-" name "-warm", "first_line_ms")
	cp = median("image-" name "-cold", "prepare_ms")
	wp = median("image-" name "-warm", "prepare_ms")
	printf "| %s | %s | %s | %s | %s |\n", name, ms(cp == "" ? "" : cp * 1000),
		ms(c == "" ? "" : c * 1000), ms(wp == "" ? "" : wp * 1000), ms(w == "" ? "" : w * 1000)
	jimages = jimages sprintf("%s\n    \"%s\": {\"cold_prepare\": %s, \"cold_first_line\": %s, " \
		"\"warm_prepare\": %s, \"warm_first_line\": %s, \"cold_samples\": %s, " \
		"\"warm_samples\": %s}", jimages == "" ? "" : ",", name, num(cp), num(c), num(wp), num(w),
		samples("image-" name "-cold", "first_line_ms"), samples("image-" name "-warm", "first_line_ms"))
}

function image_table(    name) {
	if (!count["image-busybox-cold", "first_line_ms"])
		return
	printf "## rosetta-launch --image: cold and warm cache (%d launches each; medians)\n\n",
		count["image-busybox-cold", "first_line_ms"]
	print "Host monotonic clock, from the launcher's start; cold: a new cache, the image unpacked."
	print ""
	print "| image | cold: unpack | cold: entry's first line | warm: find | warm: entry's first line |"
	print "|---|---:|---:|---:|---:|"
	image_row("busybox")
	if (count["image-debian-cold", "first_line_ms"])
		image_row("debian")
	print ""
}

# The Debian tree as the root, when bench/roots.sh ran: a row of one root
# kind (virtiofs, ext4), rosetta-init against the script mounting it.
function root_row(kind, label, what, key,    a, b, ra, rb) {
	a = "root-" kind "-rosetta"
	b = "root-" kind "-script"
	ra = median(a, key)
	rb = median(b, key)
	printf "| %s | %s | %s | %s | %s |\n", label, what, ms(ra), ms(rb), times(ratio(rb, ra))
	return pair_json(key, a, b)
}

function root_kind(kind, label,    a, b, same, j) {
	a = "root-" kind "-rosetta"
	b = "root-" kind "-script"
	if (!count[a, "init_to_first_line_us"])
		return
	same = same_modules(a, b)
	j = root_row(kind, label, "python3's exec", "init_to_entry_exec_us")
	j = j ", " root_row(kind, "", "**python3's first line**", "init_to_first_line_us")
	j = j ", " root_row(kind, "", "(a module loading)", "module_load_us")
	j = j ", " root_row(kind, "", "the init's own work (to the exec, minus module loading)",
		"own_work_us")
	roots_same = roots_same sprintf("%s%s %s (%s)", roots_same == "" ? "" : "; ", label,
		same ? "yes" : "**NO**", first(a, "modules"))
	jroots = jroots sprintf("%s\n    \"%s\": {%s, \"same_modules\": %s, \"modules\": \"%s\"}",
		jroots == "" ? "" : ",", kind, j, same ? "true" : "false", first(a, "modules"))
}

function roots_table() {
	if (!count["root-virtiofs-rosetta", "init_to_first_line_us"] &&
	    !count["root-ext4-rosetta", "init_to_first_line_us"])
		return
	printf "## The Debian tree as the root: rosetta-init vs. the reference script (%d boots " \
		"each, alternating; medians)\n\n", runs
	print "The Debian amd64 tree of `make debian-amd64`, the script mounting the same root " \
		"(ROOT=); the entry is the tree's x86-64 python3 through the translator. Both skip " \
		"the self-test. Times are CLOCK_BOOTTIME from the guest's kernel trace."
	print ""
	print "| root | from /init's exec to | rosetta-init | reference script | ratio |"
	print "|---|---|---:|---:|---:|"
	roots_same = ""
	root_kind("virtiofs", "virtio-fs (host directory, read-only)")
	root_kind("ext4", "ext4 disk (virtio-blk)")
	printf "\nModules loaded, the same in every boot of both: %s\n\n", roots_same
}

function targets_table(    own, line, size, rss, over, kern, calls) {
	own = ratio(median("script", "own_work_us"), median("rosetta", "own_work_us"))
	line = ratio(median("script", "init_to_first_line_us"), median("rosetta", "init_to_first_line_us"))
	size = first("footprint", "init_stripped_bytes")
	rss = median("rosetta", "pid1_vmrss_kb")
	over = ratio(first("exec", "exec_binfmt_us"), first("exec", "exec_direct_us"))
	kern = ratio(median("kernel-script", "first_line_ms"), median("kernel-minimal", "first_line_ms"))
	calls = median("syscalls-rosetta", "syscalls_pid1")
	print "## Targets (README, Performance)"
	print ""
	print "| target | goal | measured | |"
	print "|---|---|---|---|"
	target("init's own work, vs. the script", ">= 20x shorter", times(own), own == "" ? "" : own >= 20)
	target("/init to the entry's first line, vs. the script", ">= 2x shorter", times(line),
		line == "" ? "" : line >= 2)
	every_boot("the entry's first line, every boot", "rosetta", "script", "init_to_first_line_us")
	every_boot("python3's first line, virtio-fs root, every boot", "root-virtiofs-rosetta",
		"root-virtiofs-script", "init_to_first_line_us")
	every_boot("python3's first line, ext4 root, every boot", "root-ext4-rosetta",
		"root-ext4-script", "init_to_first_line_us")
	target("PID 1's system calls to the entry's exec (self-test off)", "<= 150",
		calls == "" ? "n/a" : calls, calls == "" ? "" : calls <= 150)
	target("first line: minimal kernel + rosetta-init vs. Debian's + the script", ">= 5x sooner",
		times(kern), kern == "" ? "" : kern >= 5)
	target("rosetta-init stripped, all three libraries", "<= 1 MiB", kib(size),
		size == "" ? "" : size <= 1048576)
	target("PID 1 VmRSS after boot", "<= 1.5 MiB", kb(rss), rss == "" ? "" : rss <= 1536)
	target("x86-64 start via binfmt_misc vs. translator named", "within 5 %",
		over == "" ? "n/a" : sprintf("%+.1f %%", 100 * (over - 1)), over == "" ? "" : over <= 1.05)
	print ""
}

function write_json() {
	printf "{\n  \"boots_per_init\": %d,\n  \"same_modules\": %s,\n  \"modules\": \"%s\",\n",
		runs, jsame, first("rosetta", "modules") > json
	printf "  \"timing\": {%s\n  },\n", jtiming > json
	printf "  \"syscalls\": {\"rosetta_init_pid1\": %s, \"rosetta_init_all\": %s, " \
		"\"script_pid1\": %s, \"script_all\": %s},\n",
		num(median("syscalls-rosetta", "syscalls_pid1")), num(median("syscalls-rosetta", "syscalls_all")),
		num(median("syscalls-script", "syscalls_pid1")), num(median("syscalls-script", "syscalls_all")) > json
	printf "  \"stages\": [%s\n  ],\n", jstages > json
	printf "  \"pid1_syscalls\": {\"us\": %s, \"by_count\": [%s\n    ], \"by_time\": [%s\n    ]},\n",
		num(median("syscalls-rosetta", "syscalls_pid1_us")), jtop_count, jtop_time > json
	printf "  \"exec_us\": {\"binfmt\": %s, \"direct\": %s, \"native\": %s, \"runs\": %s},\n",
		num(first("exec", "exec_binfmt_us")), num(first("exec", "exec_direct_us")),
		num(first("exec", "exec_native_us")), num(first("exec", "exec_runs")) > json
	printf "  \"selftest_ms\": %s,\n", num(first("exec", "selftest_ms")) > json
	printf "  \"pid1_kb\": {\"vmrss\": %s, \"vmhwm\": %s},\n", num(median("rosetta", "pid1_vmrss_kb")),
		num(median("rosetta", "pid1_vmhwm_kb")) > json
	printf "  \"footprint_bytes\": {\"rosetta_init_stripped\": %s, \"libraries\": {%s}, " \
		"\"initramfs_gz\": %s, \"initramfs_raw\": %s, \"busybox_static\": %s},\n",
		num(first("footprint", "init_stripped_bytes")), jlibs,
		num(first("footprint", "initramfs_gz_bytes")), num(first("footprint", "initramfs_raw_bytes")),
		num(first("footprint", "busybox_static_bytes")) > json
	printf "  \"kernels_ms\": {%s\n  },\n", jkernels > json
	printf "  \"images_ms\": {%s\n  },\n", jimages > json
	printf "  \"roots\": {%s\n  },\n", jroots > json
	printf "  \"targets\": [%s\n  ]\n}\n", jtargets > json
}

END {
	timing_table()
	syscall_table()
	stage_table()
	top_syscalls_tables()
	footprint_table()
	exec_table()
	kernel_table()
	image_table()
	roots_table()
	targets_table()
	write_json()
}
