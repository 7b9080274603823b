# Sourced by the .ci/imagej-*.sh scripts (run from the repository root after `mvn package`):
# install_plugin HOME_FOLDER installs the plugin as the README says for plain ImageJ 1.x: one
# unzip of target/dist/ESPCN_-*-imagej-*.zip into ImageJ's folder (Debian's `imagej` reads
# ~/.imagej, so HOME_FOLDER/.imagej), which puts the plugin jar into plugins/ and its run-time
# jars into plugins/jars/ (ImageJ's own ij.jar is not in the zip).
install_plugin() {
	local zip
	zip="$(ls target/dist/ESPCN_-*-imagej-*.zip 2>/dev/null | head -1)"
	[ -f "$zip" ] || { echo "build the plugin first (mvn package makes target/dist)" >&2; return 1; }
	mkdir -p "$1/.imagej"
	unzip -q -o "$zip" -d "$1/.imagej"
}
