# Writes the files of the selected packages into the rootfs (their content names the package;
# init scripts are real rc.common scripts) and the package manager's database: opkg's status
# file and file lists, or apk's installed database and world.
# Input: the selection (name, version, ABI, size, installed size, architecture, depends), then
# its file list (name, path).

function init_script(name, path,    service) {
	service = path
	sub(/.*\//, "", service)
	return "#!/bin/sh /etc/rc.common\n# " service " service of " name " " version[name] "\n\nSTART=" \
		start(service) "\nUSE_PROCD=1\n\nstart_service() {\n\tprocd_open_instance\n" \
		"\tprocd_set_param command /usr/sbin/" service "\n\tprocd_close_instance\n}\n"
}

# boot order of the well-known services, the rest start late
function start(service) {
	if (service == "boot") return 10
	if (service == "system" || service == "urngd") return 11
	if (service == "log") return 12
	if (service == "network") return 20
	if (service == "firewall") return 19
	if (service == "dnsmasq" || service == "odhcpd") return 35
	if (service == "done") return 95
	return 50
}

# apk lists files as F:<directory> followed by R:<name> lines
function apk_file_lines(paths, db,    lines, n, i, dir, file, current) {
	n = split(paths, lines, "\n")
	for (i = 1; i <= n; i++) {
		if (lines[i] == "")
			continue
		dir = lines[i]
		sub(/\/[^\/]*$/, "", dir)
		sub(/^\//, "", dir)
		file = lines[i]
		sub(/.*\//, "", file)
		if (dir != current)
			printf "F:%s\n", dir > db
		current = dir
		printf "R:%s\n", file > db
	}
}

BEGIN { FS = "\t" }

FNR == NR {
	names[++count] = $1
	version[$1] = $2
	abi[$1] = $3
	arch[$1] = $6
	depends[$1] = $7
	size[$1] = $5
	next
}

{
	path = root "/" $2
	if ($2 ~ /^etc\/init\.d\//)
		printf "%s", init_script($1, $2) > path
	else
		printf "%s %s\n", $1, version[$1] > path
	close(path)
	list[$1] = list[$1] "/" $2 "\n"
}

END {
	if (format == "apk") {
		system("mkdir -p '" root "/lib/apk/db' '" root "/etc/apk'")
		db = root "/lib/apk/db/installed"
		for (i = 1; i <= count; i++) {
			n = names[i]
			printf "P:%s\nV:%s\nA:%s\nI:%s\n", n, version[n], arch[n], size[n] > db
			if (depends[n] != "")
				printf "D:%s\n", depends[n] > db
			apk_file_lines(list[n], db)
			printf "\n" > db
		}
		world = root "/etc/apk/world"
		for (i = 1; i <= count; i++)
			print names[i] > world
		exit
	}
	system("mkdir -p '" root "/usr/lib/opkg/info'")
	status = root "/usr/lib/opkg/status"
	for (i = 1; i <= count; i++) {
		n = names[i]
		printf "Package: %s\nVersion: %s\n", n, version[n] > status
		if (depends[n] != "")
			printf "Depends: %s\n", depends[n] > status
		if (abi[n] != "")
			printf "ABIVersion: %s\n", abi[n] > status
		printf "Status: install user installed\nArchitecture: %s\nInstalled-Time: %s\n\n", arch[n], epoch > status
		info = root "/usr/lib/opkg/info/" n ".list"
		printf "%s", list[n] > info
		close(info)
	}
}
