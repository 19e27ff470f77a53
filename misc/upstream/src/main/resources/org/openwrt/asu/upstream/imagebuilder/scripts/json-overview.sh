#!/bin/sh
# json_overview_image_info: BIN_DIR/profiles.json for the built profile and the images that
# were made, in the download server's format (compact, sorted keys).
work=$1
if [ ! -s "$work/images" ]; then
	echo "No image of profile $PROFILE_ID was built, not writing $BIN_DIR/profiles.json"
	exit 0
fi
awk -F '\t' -v profile="$PROFILE_ID" -v prefix="$IMG_PREFIX-$PROFILE_ID" \
	-v arch="$ARCH_PACKAGES" -v defaults="$DEFAULT_PACKAGES" -v epoch="$SOURCE_DATE_EPOCH" \
	-v target="$BOARD/$SUBTARGET" -v code="$VERSION_CODE" -v number="$VERSION_NUMBER" \
	-v kversion="$LINUX_VERSION" -v krelease="$LINUX_RELEASE" -v vermagic="$LINUX_VERMAGIC" '
function q(s) { return "\"" s "\"" }
function array(words,    list, n, i, out, seen) {
	n = split(words, list, " ")
	out = ""
	for (i = 1; i <= n; i++)
		out = out (i > 1 ? "," : "") q(list[i])
	return "[" out "]"
}
function sorted_unique(words,    list, n, i, j, t, out, last) {
	n = split(words, list, " ")
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && list[j - 1] > list[j]; j--) {
			t = list[j]; list[j] = list[j - 1]; list[j - 1] = t
		}
	for (i = 1; i <= n; i++)
		if (i == 1 || list[i] != last) {
			out = out " " list[i]
			last = list[i]
		}
	return out
}
FNR == NR {
	if ($1 == profile) {
		device_packages = $3
		supported = $4
		titles = $8
	}
	next
}
{
	image = "{" ($3 == "" ? "" : q("filesystem") ":" q($3) ",") q("name") ":" q($1) "," \
		q("sha256") ":" q($4) "," q("sha256_unsigned") ":" q($4) "," q("type") ":" q($2) "}"
	images = images (images == "" ? "" : ",") image
}
END {
	printf "{%s:%s,%s:%s,", q("arch_packages"), q(arch), q("default_packages"), array(sorted_unique(defaults))
	if (kversion != "")
		printf "%s:{%s:%s,%s:%s,%s:%s},", q("linux_kernel"), q("release"), q(krelease), \
			q("vermagic"), q(vermagic), q("version"), q(kversion)
	printf "%s:1,%s:{%s:{%s:%s,%s:%s,%s:[%s],%s:%s,%s:%s}},", q("metadata_version"), q("profiles"), \
		q(profile), q("device_packages"), array(device_packages), q("image_prefix"), q(prefix), \
		q("images"), images, q("supported_devices"), array(supported), q("titles"), titles
	printf "%s:%s,%s:%s,%s:%s,%s:%s}", q("source_date_epoch"), epoch, q("target"), q(target), \
		q("version_code"), q(code), q("version_number"), q(number)
}' "$PROFILES" "$work/images" > "$BIN_DIR/profiles.json"
