package io.github.espcnfiji.bioimageio;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An {@code rdf.yaml} as plain maps, lists, strings, numbers and booleans, to and from text.
 * Reading uses SnakeYAML's safe constructor (no Java objects made from tags) with aliases and
 * document size limited, so a hostile file cannot expand without bound.
 */
public final class RdfYaml {

	/** The file name of a package's description. */
	public static final String FILE = "rdf.yaml";
	/** What bioimage.io also accepts as the description's name. */
	public static final String ALTERNATIVE_FILE = "bioimageio.yaml";

	private RdfYaml() {}

	private static String oneLine(String s) {
		return String.valueOf(s).replaceAll("\\s+", " ").trim();
	}

	/** The description as block-style YAML, keys in the maps' order. */
	public static byte[] write(Map<String, Object> rdf) {
		DumperOptions o = new DumperOptions();
		o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		o.setIndent(2);
		o.setIndicatorIndent(0);
		o.setWidth(100);
		o.setSplitLines(true);
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(o), o);
		return yaml.dump(rdf).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Parses a description.
	 *
	 * @throws InvalidPackageException naming {@code source} when the text is not YAML or not a
	 *           mapping at its top
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> read(byte[] text, String source)
		throws InvalidPackageException
	{
		LoaderOptions o = new LoaderOptions();
		o.setMaxAliasesForCollections(50);
		o.setAllowDuplicateKeys(false);
		o.setCodePointLimit(4 * 1024 * 1024);
		Object doc;
		try {
			doc = new Yaml(new SafeConstructor(o)).load(new String(text, StandardCharsets.UTF_8));
		}
		catch (MarkedYAMLException e) {
			Mark at = e.getProblemMark();
			throw new InvalidPackageException(source + " is not valid YAML: " + (at == null ? ""
				: "line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ": ") + oneLine(e
					.getProblem()));
		}
		catch (YAMLException e) {
			throw new InvalidPackageException(source + " is not valid YAML: " + oneLine(e
				.getMessage()));
		}
		if (!(doc instanceof Map))
			throw new InvalidPackageException(source + " does not describe a model (its top is " +
				(doc == null ? "empty" : "not a mapping") + ")");
		return (Map<String, Object>) doc;
	}
}
