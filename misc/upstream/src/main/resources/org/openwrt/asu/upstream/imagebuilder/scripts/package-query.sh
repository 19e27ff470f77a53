#!/bin/sh
# package_whatdepends / package_depends / package_list over the available packages, in the
# package manager's output style.
query=$1
wanted=$2
feeds=$(sh "$TOPDIR/scripts/feeds.sh") || exit 1
for dir in $feeds; do
	cat "$dir/Packages"
	echo
done | awk -v format="$PKG_FORMAT" -v query="$query" -v wanted="$wanted" '
function dependency_names(depends,    list, n, i, out, name) {
	n = split(depends, list, /, */)
	for (i = 1; i <= n; i++) {
		name = list[i]
		sub(/[ =<>(|].*/, "", name)
		out = out " " name
	}
	return out " "
}
function flush() {
	if (name != "" && !(name in version)) {
		names[++count] = name
		version[name] = ver
		depends[name] = deps
		provides[name] = " " prov " "
	}
	name = ver = deps = prov = ""
}
/^$/ { flush(); next }
/^Package: / { name = $2 }
/^Version: / { ver = $2 }
/^Depends: / { deps = substr($0, 10) }
/^Provides: / { prov = substr($0, 11); gsub(/, */, " ", prov); gsub(/=[^ ]*/, "", prov) }
END {
	flush()
	root = wanted
	for (i = 1; i <= count; i++)
		if (index(provides[names[i]], " " wanted " ") && !(wanted in version))
			root = names[i]
	if (query == "list") {
		for (i = 1; i <= count; i++)
			print names[i] (format == "apk" ? " " : " - ") version[names[i]]
	} else if (query == "depends") {
		if (!(root in version))
			exit 1
		print (format == "apk" ? root "-" version[root] : root) " depends on:"
		n = split(dependency_names(depends[root]), list, " ")
		for (i = 1; i <= n; i++)
			print (format == "apk" ? "" : "\t") list[i]
	} else {
		if (format != "apk")
			printf "Root set:\n  %s\nWhat depends on root set\n", root
		for (i = 1; i <= count; i++)
			if (index(dependency_names(depends[names[i]]), " " root " ") || \
			    index(dependency_names(depends[names[i]]), " " wanted " "))
				if (format == "apk")
					print names[i] "-" version[names[i]]
				else
					printf "\t%s %s\tdepends on %s\n", names[i], version[names[i]], root
	}
}'
