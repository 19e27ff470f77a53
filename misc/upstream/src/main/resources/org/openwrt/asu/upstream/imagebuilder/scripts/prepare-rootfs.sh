#!/bin/sh
# prepare_rootfs: the FILES overlay, the release files of base-files, and the services: every
# init script is enabled unless DISABLED_SERVICES names it.
work=$1
root=$work/root

if [ -n "$FILES" ]; then
	cp -fpR "$FILES"/. "$root"/ || exit
fi

if [ -f "$root/etc/openwrt_release" ]; then
	cat > "$root/etc/openwrt_release" <<-RELEASE
	DISTRIB_ID='OpenWrt'
	DISTRIB_RELEASE='$VERSION_NUMBER'
	DISTRIB_REVISION='$VERSION_CODE'
	DISTRIB_TARGET='$BOARD/$SUBTARGET'
	DISTRIB_ARCH='$ARCH_PACKAGES'
	DISTRIB_DESCRIPTION='OpenWrt $VERSION_NUMBER $VERSION_CODE'
	DISTRIB_TAINTS=''
	RELEASE
	echo "$VERSION_CODE" > "$root/etc/openwrt_version"
	cat > "$root/usr/lib/os-release" <<-RELEASE
	NAME="OpenWrt"
	VERSION="$VERSION_NUMBER"
	ID="openwrt"
	ID_LIKE="lede openwrt"
	PRETTY_NAME="OpenWrt $VERSION_NUMBER"
	VERSION_ID="$(echo "$VERSION_NUMBER" | tr 'A-Z' 'a-z')"
	BUILD_ID="$VERSION_CODE"
	OPENWRT_BOARD="$BOARD/$SUBTARGET"
	OPENWRT_ARCH="$ARCH_PACKAGES"
	OPENWRT_RELEASE="OpenWrt $VERSION_NUMBER $VERSION_CODE"
	RELEASE
fi

[ -d "$root/etc/init.d" ] || exit 0
mkdir -p "$root/etc/rc.d"
for script in "$root"/etc/init.d/*; do
	service=${script##*/}
	case " $DISABLED_SERVICES " in
	*" $service "*)
		rm -f "$root"/etc/rc.d/[SK][0-9][0-9]"$service"
		echo "Disabling $service"
		;;
	*)
		start=$(sed -n 's/^START=//p' "$script")
		ln -sf "../init.d/$service" "$root/etc/rc.d/S${start:-50}$service"
		echo "Enabling $service"
		;;
	esac
done
