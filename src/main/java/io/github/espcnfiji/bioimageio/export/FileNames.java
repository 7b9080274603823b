package io.github.espcnfiji.bioimageio.export;

/** The names of the files in an exported package (all at the archive's root). */
final class FileNames {

	static final String TORCHSCRIPT = "espcn_torchscript.pt";
	static final String STATE_DICT = "weights.pt";
	static final String ARCHITECTURE = "espcn.py";
	static final String README = "README.md";
	static final String COVER = "cover.png";
	static final String TEST_INPUT = "test_input.npy";
	static final String TEST_OUTPUT = "test_output.npy";
	/** The plugin's own model, attached so that the plugin imports the package exactly. */
	static final String CARD = "card.json", WEIGHTS = "weights.npz";

	private FileNames() {}
}
