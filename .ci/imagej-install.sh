# Sourced by the .ci/imagej-*.sh scripts (run from the repository root after `mvn package`):
# install_plugin HOME_FOLDER puts the built plugin jar into HOME_FOLDER/.imagej/plugins and its
# run-time jars into plugins/jars, as the README's plain-ImageJ install says (Debian's `imagej`
# reads ~/.imagej). ImageJ's own ij.jar is already on its class path, so ij-*.jar is left out.
install_plugin() {
	local jar plugins
	jar="$(ls target/ESPCN_-*.jar | grep -v -E -- '-(sources|tests|javadoc)\.jar$' | head -1)"
	[ -f "$jar" ] || { echo "build the plugin first (mvn package)" >&2; return 1; }
	plugins="$1/.imagej/plugins"
	mkdir -p "$plugins/jars"
	cp "$jar" "$plugins/ESPCN_.jar"
	for j in target/jars/*.jar; do
		case "$(basename "$j")" in ij-*.jar) ;; *) cp "$j" "$plugins/jars/" ;; esac
	done
}
