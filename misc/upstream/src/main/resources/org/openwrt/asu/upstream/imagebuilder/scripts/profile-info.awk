# The "Available Profiles" part of `make info`, from target/profiles.tsv:
# id, name, device packages, supported devices, hasImageMetadata, images, image size limit, titles.
BEGIN { FS = "\t" }
{
	print $1 ":"
	if ($2 != "")
		print "    " $2
	print "    Packages: " $3
	print "    hasImageMetadata: " $5
	if ($4 != "")
		print "    SupportedDevices: " $4
}
