#!/bin/sh
# build_image: the profile's images (no initramfs kernels: an ImageBuilder cannot build them)
# from the rootfs: squashfs (mksquashfs, or a tar where it is missing), ext4 (include/image.mk)
# and the boot artifacts. Like Build/check-size, a sysupgrade/factory image whose flash
# footprint (kernel + the packages' sizes + FILES) exceeds the device's IMAGE_SIZE is deleted
# with a warning and the build goes on. Takes IB_BUILD_SECONDS.
work=$1
root=$work/root
tmp=$work/linux-${BOARD}_$SUBTARGET/tmp
mkdir -p "$tmp"
: > "$work/images"

profile_field() {
	awk -F '\t' -v p="$PROFILE_ID" -v c="$1" '$1 == p { print $c; exit }' "$PROFILES"
}
images=$(profile_field 6)
limit=$(profile_field 7)

wanted() {
	[ "$1" != initramfs ] && { [ -z "$ROOTFS_FILESYSTEM" ] || [ -z "$1" ] || [ "$1" = "$ROOTFS_FILESYSTEM" ]; }
}

needs() {
	for image in $images; do
		fs=${image##*:}
		[ "$fs" = "$1" ] && wanted "$fs" && return 0
	done
	return 1
}

size_checked() {
	case "$1" in
	kernel|kernel1|rootfs|rootfs0) return 1 ;;
	esac
	[ "$2" = squashfs ] && [ "$limit" -gt 0 ]
}

footprint() {
	packages=$(awk -F '\t' '{ total += $4 } END { print total + 0 }' "$work/installed")
	overlay=0
	[ -n "$FILES" ] && overlay=$(find "$FILES" -type f -exec cat {} + | wc -c)
	echo $((KERNEL_IMAGE_BYTES + packages + overlay))
}

if needs squashfs; then
	if command -v mksquashfs >/dev/null; then
		# timestamps come from SOURCE_DATE_EPOCH (exported by the Makefile)
		mksquashfs "$root" "$work/root.squashfs" -noappend -all-root -no-xattrs -comp xz \
			-processors 1 -quiet -no-progress >/dev/null || exit
	else
		tar -cf "$work/root.squashfs" -C "$root" . || exit
	fi
fi
if needs ext4; then
	$MAKE -f "$TOPDIR/include/image.mk" WORK_DIR="$work" "$work/root.ext4" || exit
fi

# what fwtool appends to sysupgrade images so that the device can check them before flashing
metadata_trailer() {
	printf '{"metadata_version":"1.1","compat_version":"1.0","supported_devices":[%s],' \
		"$(profile_field 4 | sed 's/[^ ][^ ]*/"&"/g; s/ /,/g')"
	printf '"version":{"dist":"OpenWrt","version":"%s","revision":"%s","target":"%s/%s","board":"%s"}}\n' \
		"$VERSION_NUMBER" "$VERSION_CODE" "$BOARD" "$SUBTARGET" "$PROFILE_ID"
}

metadata=$(profile_field 5)
size=$(footprint)
for image in $images; do
	suffix=${image%%:*}
	rest=${image#*:}
	type=${rest%%:*}
	fs=${rest#*:}
	wanted "$fs" || continue
	case "$suffix" in *initramfs*) continue ;; esac

	name=$IMG_PREFIX-$PROFILE_ID-$suffix
	file=$tmp/$name
	case "$fs" in
	squashfs|ext4) source=$work/root.$fs ;;
	*) source=$work/$suffix.artifact; printf '%s\n' "$name" > "$source" ;;
	esac
	case "$name" in
	*.gz) gzip -n -9 -c "$source" > "$file" ;;
	*) cp "$source" "$file" ;;
	esac
	[ "$type" = sysupgrade ] && [ "$metadata" = 1 ] && metadata_trailer >> "$file"

	if size_checked "$type" "$fs" && [ "$size" -gt "$limit" ]; then
		echo "WARNING: Image file $file is too big: $size > $limit" >&2
		rm -f "$file"
	fi
	if [ ! -f "$file" ]; then
		echo "Skip JSON creation for non existing file $file"
		continue
	fi
	cp "$file" "$BIN_DIR/$name"
	printf '%s\t%s\t%s\t%s\n' "$name" "$type" "$fs" "$(sha256sum "$file" | cut -d ' ' -f 1)" >> "$work/images"
done

sh "$TOPDIR/scripts/list-installed.sh" "$work" "" file > "$BIN_DIR/$IMG_PREFIX-$PROFILE_ID.manifest"
sleep "${IB_BUILD_SECONDS:-1}"
