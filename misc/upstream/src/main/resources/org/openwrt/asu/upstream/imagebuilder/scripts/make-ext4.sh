#!/bin/sh
# The ext4 root filesystem of ROOTFS_PARTSIZE MiB. It fails like make_ext4fs when the files do
# not fit; the image itself is a tar of the rootfs (there is no ext4 tool to rely on).
work=$1
out=$2
block=4096
needed=$(awk -F '\t' '{ total += $5 } END { print total + 0 }' "$work/installed")
overlay=$(find "$work/root" -type f -exec cat {} + | wc -c)
blocks=$(( (needed + overlay + block - 1) / block ))
capacity=$(( ${ROOTFS_PARTSIZE:-0} * 1024 * 1024 / block ))
if [ "$blocks" -gt "$capacity" ]; then
	echo "error: ext4_allocate_best_fit_partial: failed to allocate $((blocks - capacity)) blocks, out of space?" >&2
	exit 1
fi
tar -cf "$out" -C "$work/root" .
