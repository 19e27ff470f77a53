#!/bin/sh
# Lists the installed packages of a build: `opkg list-installed` ("name - version") or, in the
# apk era, `apk list --manifest` ("name version"). STRIP_ABI=1 drops the ABI suffix from names.
# The image's .manifest file (style "file") always uses "name - version" and keeps the suffix.
work=$1
strip_abi=$2
style=$3
awk -F '\t' -v format="$PKG_FORMAT" -v strip_abi="$strip_abi" -v style="$style" '{
	name = $1
	if (strip_abi == "1" && $3 != "" && substr(name, length(name) - length($3) + 1) == $3)
		name = substr(name, 1, length(name) - length($3))
	print name ((format == "apk" && style != "file") ? " " : " - ") $2
}' "$work/installed" | sort
