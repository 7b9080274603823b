package io.github.espcnfiji.cli;

/**
 * Names the jar behind a class that did not load ({@link NoClassDefFoundError}), for a plugin
 * jar run without its dependencies. JDK only: it must work when nothing else loads.
 */
final class MissingLibrary {

	/** Package prefixes (as in class names with '/') and the jars that hold them. */
	private static final String[][] JARS = { { "ij/", "ij-*.jar (ImageJ)" }, { "ai/djl/pytorch/",
		"pytorch-engine-*.jar (DJL PyTorch)" }, { "ai/djl/", "api-*.jar (DJL)" }, { "net/imglib2/",
			"imglib2-*.jar" }, { "org/scijava/parsington/", "parsington-*.jar" }, { "org/scijava/",
				"scijava-common-*.jar" }, { "com/google/gson/", "gson-*.jar" }, { "org/apache/commons/compress/",
					"commons-compress-*.jar" }, { "org/apache/commons/io/", "commons-io-*.jar" }, {
						"org/apache/commons/codec/", "commons-codec-*.jar" }, { "com/sun/jna/",
							"jna-*.jar" }, { "org/slf4j/", "slf4j-api-*.jar" } };

	private MissingLibrary() {}

	/** One line: which class, which jar, and where the jars belong. */
	static String describe(LinkageError e) {
		String missing = missingClass(e);
		if (missing == null) return "a library did not load: " + e;
		String jar = "the jar that holds it";
		for (String[] j : JARS)
			if (missing.startsWith(j[0])) {
				jar = j[1];
				break;
			}
		return missing.replace('/', '.') + " is missing: " + jar + " is not on the class path; " +
			"keep target/jars/ beside the plugin jar (java -jar target/ESPCN_-*.jar ...), or name " +
			"the jars with -cp";
	}

	/** The class that did not load, with '/' separators, or null when the error names none. */
	static String missingClass(LinkageError e) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			String m = t.getMessage();
			if (t instanceof NoClassDefFoundError && m != null && !m.startsWith("Could not " +
				"initialize")) return m.replace('.', '/');
			if (t instanceof ClassNotFoundException && m != null) return m.replace('.', '/');
		}
		return null;
	}
}
