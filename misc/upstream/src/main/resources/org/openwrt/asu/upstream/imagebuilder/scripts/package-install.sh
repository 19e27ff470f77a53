#!/bin/sh
# package_install: selects the packages (scripts/resolve.awk) and unpacks them into the rootfs
# with the package manager's database, as opkg or apk would leave it.
work=$1
shift
root=$work/root
mkdir -p "$root"

feeds=$(sh "$TOPDIR/scripts/feeds.sh") || exit 1
awk -v format="$PKG_FORMAT" -v feeds="$feeds" -v requested="$*" -v root="$root" \
	-v selection="$work/installed" -f "$TOPDIR/scripts/resolve.awk" || exit

cut -f 2 "$work/installed.files" | sed -n 's|/[^/]*$||p' | sort -u | (cd "$root" && xargs -r mkdir -p)
awk -v format="$PKG_FORMAT" -v root="$root" -v epoch="$SOURCE_DATE_EPOCH" \
	-f "$TOPDIR/scripts/unpack.awk" "$work/installed" "$work/installed.files"
