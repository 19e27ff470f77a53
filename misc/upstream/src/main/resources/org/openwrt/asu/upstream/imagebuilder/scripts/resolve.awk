# Package selection as opkg or apk does it: each requested name and, depth first, everything it
# depends on (by name, or by a package that provides the name), then declared conflicts, then
# files that two packages would both install. Problems are reported with the package manager's
# own texts and exit codes (opkg 255, apk 1); on success the selection is written in install
# order to <selection> (name, version, ABI, size, installed size, architecture, depends) and
# the files to install to <selection>.files (name, path).
#
# Variables: format (opkg|apk), feeds (feed directories), requested (the package list),
# root (the rootfs, for messages), selection (output file).

function read_feed(dir,    file, line, key, value, name, parts) {
	file = dir "/Packages"
	name = ""
	while ((getline line < file) > 0) {
		if (line == "") {
			name = ""
			continue
		}
		if (line ~ /^[ \t]/)
			continue
		key = substr(line, 1, index(line, ":") - 1)
		value = substr(line, index(line, ":") + 1)
		sub(/^ +/, "", value)
		if (key == "Package") {
			# the first feed that has a package wins
			name = (value in version) ? "" : value
			if (name != "")
				packages[++npackages] = name
		} else if (name != "") {
			field[name, key] = value
			if (key == "Version")
				version[name] = value
			else if (key == "Provides")
				add_provides(name, value)
		}
	}
	close(file)
	file = dir "/contents"
	while ((getline line < file) > 0) {
		split(line, parts, " ")
		files[parts[1]] = files[parts[1]] " " parts[2]
	}
	close(file)
}

function add_provides(name, value,    list, n, i, atom, virtual) {
	n = split(value, list, /, */)
	for (i = 1; i <= n; i++) {
		atom = list[i]
		virtual = atom
		sub(/[ =(].*/, "", virtual)
		providers[virtual] = providers[virtual] " " name
		# a versioned provide (name=version) can be selected by that name
		if (atom ~ /=/)
			selectable[virtual] = 1
	}
}

function priority(name) {
	return field[name, "Provider-Priority"] + 0
}

# the package that satisfies a dependency on name, "" if nothing does
function provider(name,    list, n, i, best) {
	if (name in version)
		return name
	n = split(providers[name], list, " ")
	for (i = 1; i <= n; i++)
		if (list[i] in selected)
			return list[i]
	best = ""
	for (i = 1; i <= n; i++)
		if (best == "" || priority(list[i]) > priority(best))
			best = list[i]
	return best
}

# apk refuses to pick a provider of a virtual name on its own
function is_virtual(name,    list, n, i) {
	if ((name in version) || (name in selectable))
		return 0
	n = split(providers[name], list, " ")
	for (i = 1; i <= n; i++)
		if (priority(list[i]) > 0)
			return 0
	return n > 0
}

# "kernel (=6.6.93-1-abc)" -> "kernel"; "a | b" -> the first alternative that exists
function dependency_name(atom,    alternatives, n, i, name) {
	n = split(atom, alternatives, /\|/)
	for (i = 1; i <= n; i++) {
		name = alternatives[i]
		gsub(/^ +| +$/, "", name)
		sub(/[ =<>(].*/, "", name)
		if (provider(name) != "" || i == n)
			return name
	}
}

function pkg_id(name) {
	return name "-" version[name]
}

function select_package(name, parent,    chosen, deps, n, i, dependency) {
	chosen = provider(name)
	if (chosen == "") {
		missing(name, parent)
		return
	}
	if (format == "apk" && parent == "" && is_virtual(name)) {
		virtual(name)
		return
	}
	if (chosen in selected)
		return
	selected[chosen] = 1
	required_by[chosen] = parent == "" ? "world[" name "]" : pkg_id(parent) "[" name "]"
	n = split(field[chosen, "Depends"], deps, /, */)
	for (i = 1; i <= n; i++) {
		dependency = dependency_name(deps[i])
		if (dependency != "")
			select_package(dependency, chosen)
	}
	order[++count] = chosen
}

function missing(name, parent) {
	failed = 1
	if (format == "apk") {
		problems = problems "  " name " (no such package):\n    required by: " \
			(parent == "" ? "world" : pkg_id(parent)) "[" name "]\n"
	} else if (parent == "") {
		print "Unknown package '" name "'."
		errors = errors " * opkg_install_cmd: Cannot install package " name ".\n"
	} else {
		errors = errors " * satisfy_dependencies_for: Cannot satisfy the following dependencies for " \
			parent ":\n * \t" name "\n * opkg_install_cmd: Cannot install package " request ".\n"
	}
}

function virtual(name,    list, n, i, names) {
	failed = 1
	n = split(providers[name], list, " ")
	for (i = 1; i <= n; i++)
		names = names (i > 1 ? " " : "") list[i]
	problems = problems "  " name " (virtual):\n" \
		"    note: please select one of the 'provided by'\n" \
		"          packages explicitly\n" \
		"    provided by: " names "\n" \
		"    required by: world[" name "]\n"
}

function check_conflicts(    i, j, n, list, other, target, installed_as) {
	for (i = 1; i <= count; i++) {
		n = split(field[order[i], "Provides"], list, /, */)
		for (j = 1; j <= n; j++) {
			sub(/[ =(].*/, "", list[j])
			installed_as[list[j]] = order[i]
		}
	}
	for (i = 1; i <= count; i++) {
		n = split(field[order[i], "Conflicts"], list, /, */)
		for (j = 1; j <= n; j++) {
			target = list[j]
			sub(/[ =<>(].*/, "", target)
			other = (target in selected) ? target : installed_as[target]
			if (other != "" && other != order[i] && !((other, order[i]) in reported))
				conflict(order[i], other, target)
		}
	}
}

function conflict(name, other, atom,    later, earlier) {
	failed = 1
	reported[name, other] = 1
	if (format == "apk") {
		problems = problems "  " pkg_id(name) ":\n    conflicts: " pkg_id(other) "[" atom "]\n" \
			"    satisfies: " required_by[name] "\n" \
			"  " pkg_id(other) ":\n    conflicts: " pkg_id(name) "[" atom "]\n" \
			"    satisfies: " required_by[other] "\n"
		return
	}
	later = position(name) > position(other) ? name : other
	earlier = later == name ? other : name
	errors = errors " * check_conflicts_for: The following packages conflict with " later ":\n" \
		" * check_conflicts_for: \t" earlier " * \n" \
		" * opkg_install_cmd: Cannot install package " later ".\n"
}

function position(name,    i) {
	for (i = 1; i <= count; i++)
		if (order[i] == name)
			return i
}

function check_file_clashes(    i, j, n, list, owner) {
	for (i = 1; i <= count; i++) {
		n = split(files[order[i]], list, " ")
		for (j = 1; j <= n; j++) {
			if (list[j] in owner) {
				clash(order[i], list[j], owner[list[j]])
				break
			}
			owner[list[j]] = order[i]
		}
	}
}

function clash(name, path, owner) {
	failed = 1
	if (format == "apk") {
		apk_errors = apk_errors "ERROR: " pkg_id(name) ": trying to overwrite " path " owned by " \
			pkg_id(owner) ".\n"
		clashes++
		return
	}
	errors = errors " * check_data_file_clashes: Package " name " wants to install file " root "/" path "\n" \
		"\tBut that file is already provided by package  * " owner "\n" \
		" * opkg_install_cmd: Cannot install package " name ".\n"
}

function installed_mib(    i, total) {
	for (i = 1; i <= count; i++)
		total += field[order[i], "Installed-Size"]
	return int(total / 1048576 + 0.5)
}

function install_log(    i) {
	for (i = 1; i <= count; i++) {
		if (format == "apk")
			print "(" i "/" count ") Installing " order[i] " (" version[order[i]] ")"
		else
			print "Installing " order[i] " (" version[order[i]] ") to root..."
	}
	if (format == "apk")
		print "OK: " installed_mib() " MiB in " count " packages"
	else
		for (i = 1; i <= count; i++)
			print "Configuring " order[i] "."
}

function write_selection(    i, j, n, name, list) {
	for (i = 1; i <= count; i++) {
		name = order[i]
		printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, version[name], field[name, "ABIVersion"], \
			field[name, "Size"], field[name, "Installed-Size"], field[name, "Architecture"], \
			field[name, "Depends"] > selection
		n = split(files[name], list, " ")
		for (j = 1; j <= n; j++)
			printf "%s\t%s\n", name, list[j] > (selection ".files")
	}
	close(selection)
	close(selection ".files")
}

BEGIN {
	n = split(feeds, dirs, " ")
	for (i = 1; i <= n; i++)
		read_feed(dirs[i])
	n = split(requested, wanted, " ")
	for (i = 1; i <= n; i++) {
		request = wanted[i]
		select_package(request, "")
	}
	if (!failed)
		check_conflicts()
	if (!failed)
		check_file_clashes()
	if (failed) {
		if (problems != "")
			printf "ERROR: unable to select packages:\n%s", problems > "/dev/stderr"
		if (apk_errors != "")
			printf "%s%d error%s; %d MiB in %d packages\n", apk_errors, clashes, (clashes > 1 ? "s" : ""), \
				installed_mib(), count > "/dev/stderr"
		if (errors != "")
			printf "Collected errors:\n%s", errors > "/dev/stderr"
		exit format == "apk" ? 1 : 255
	}
	install_log()
	write_selection()
}
