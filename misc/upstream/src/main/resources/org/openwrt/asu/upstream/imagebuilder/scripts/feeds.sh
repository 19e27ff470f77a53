#!/bin/sh
# Prints the feed directories that the repositories file names, in its order. Upstream feed
# URLs (whatever host they point to) map to the indexes shipped in feeds/, local directories
# are used as they are; anything else cannot be fetched offline.
cd "$TOPDIR" || exit 1
if [ "$PKG_FORMAT" = apk ]; then
	list=repositories
else
	list=repositories.conf
fi

feed_dir() {
	url=${1%/packages.adb}
	url=${url%/}
	case "$url" in
	file:*) echo "${url#file:}" ;;
	*/targets/*/*/packages) echo feeds/core ;;
	*/targets/*/*/kmods/*) echo feeds/kmods ;;
	*/packages/*/*) echo "feeds/${url##*/}" ;;
	*://*) ;;
	*) echo "$url" ;;
	esac
}

feed_missing() {
	if [ "$PKG_FORMAT" = apk ]; then
		echo "WARNING: updating and opening $1: network error (check Internet connection and firewall)" >&2
	else
		echo "*** Failed to download the package list from $1/Packages.gz" >&2
	fi
}

grep -v '^[[:space:]]*\(#\|option\|$\)' "$list" | while read -r first second third; do
	if [ "$PKG_FORMAT" = apk ]; then
		url=$first
	else
		url=$third
	fi
	dir=$(feed_dir "$url")
	if [ -n "$dir" ] && [ -f "$dir/Packages" ]; then
		echo "$dir"
	elif [ "$dir" != packages ]; then
		feed_missing "$url"
	fi
done
