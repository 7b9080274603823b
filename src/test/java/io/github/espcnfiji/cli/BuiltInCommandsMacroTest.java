package io.github.espcnfiji.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.ContrastEnhancer;
import ij.plugin.SubstackMaker;
import ij.plugin.ZProjector;
import ij.plugin.filter.GaussianBlur;
import ij.process.ImageConverter;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import ij.process.StackConverter;
import io.github.espcnfiji.command.Upscaling;
import io.github.espcnfiji.core.SuperResolver;
import io.github.espcnfiji.io.ImagePlusBridge;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.ModelFiles;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import net.imglib2.img.Img;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch macro that mixes ImageJ's own commands with ESPCN's runs in the jar's headless
 * {@code macro} runner and gives ImageJ's pixels: the same as ImageJ's API called directly here,
 * and the same as a real ImageJ (Debian's {@code imagej} under {@code xvfb-run}; that half skips
 * where either is missing).
 */
class BuiltInCommandsMacroTest {

	/** The model, a bundled one by name (in a real ImageJ it comes from the plugin jar). */
	private static final String MODEL = "x2";

	/** {@code getArgument()} = OUTPUT_FOLDER|INPUT; writes blurred.tif, contrast.png, sr.tif. */
	static final String MACRO = String.join("\n",
		"args = split(getArgument(), \"|\");",
		"out = args[0];",
		"open(args[1]);",
		"run(\"Make Substack...\", \"slices=2-3\");",
		"run(\"Duplicate...\", \"title=d duplicate\");",
		"run(\"32-bit\");",
		"run(\"Gaussian Blur...\", \"sigma=1.5 stack\");",
		"run(\"Scale...\", \"x=0.5 y=0.5 z=1.0 interpolation=Bilinear average process create title=s\");",
		"run(\"Z Project...\", \"projection=[Max Intensity]\");",
		"saveAs(\"Tiff\", out + \"/blurred.tif\");",
		"run(\"8-bit\");",
		"makeRectangle(2, 3, 14, 10);",
		"run(\"Crop\");",
		"run(\"Invert\");",
		"run(\"Add...\", \"value=25\");",
		"run(\"Enhance Contrast...\", \"saturated=0.35 normalize\");",
		"saveAs(\"PNG\", out + \"/contrast.png\");",
		"run(\"16-bit\");",
		"run(\"ESPCN Super-Resolution...\", \"model=" + MODEL + " tile=16\");",
		"saveAs(\"Tiff\", out + \"/sr.tif\");",
		"");

	@TempDir
	static Path dir;

	private static Path input;
	private static Path macro;
	private static Path headless;

	@BeforeAll
	static void runHeadless() throws Exception {
		input = dir.resolve("input.tif");
		IJ.saveAsTiff(inputStack(), input.toString());
		macro = dir.resolve("builtins.ijm");
		Files.writeString(macro, MACRO);
		headless = Files.createDirectory(dir.resolve("headless"));
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = MacroRunner.run(new String[] { macro.toString(), headless + "|" + input },
			new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true,
				StandardCharsets.UTF_8));
		assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
	}

	/** Three 40x30 16-bit planes with edges, a gradient and a bright spot. */
	private static ImagePlus inputStack() {
		ImageStack stack = new ImageStack(40, 30);
		for (int z = 0; z < 3; z++) {
			ShortProcessor ip = new ShortProcessor(40, 30);
			for (int y = 0; y < 30; y++)
				for (int x = 0; x < 40; x++)
					ip.set(x, y, 500 + 37 * x + 11 * y + 900 * z + ((x / 7 + y / 5) % 2) * 4000 +
						(Math.abs(x - 20 - z) < 3 && Math.abs(y - 14) < 3 ? 20000 : 0));
			stack.addSlice(ip);
		}
		return new ImagePlus("input", stack);
	}

	@Test
	void theHeadlessRunnerGivesWhatImageJsApiGives() throws Exception {
		ImagePlus in = IJ.openImage(input.toString());
		ImagePlus d = new SubstackMaker().makeSubstack(in, "2-3").duplicate();
		new StackConverter(d).convertToGray32();
		for (int i = 1; i <= d.getStackSize(); i++)
			new GaussianBlur().blurGaussian(d.getStack().getProcessor(i), 1.5, 1.5, 0.0002);
		ImageStack scaled = new ImageStack(20, 15);
		for (int i = 1; i <= d.getStackSize(); i++) {
			ImageProcessor ip = d.getStack().getProcessor(i);
			ip.setInterpolationMethod(ImageProcessor.BILINEAR);
			scaled.addSlice(ip.resize(20, 15, true));
		}
		ImagePlus max = ZProjector.run(new ImagePlus("s", scaled), "max");
		assertSamePixels(max, open(headless, "blurred.tif"));

		new ImageConverter(max).convertToGray8();
		max.setRoi(2, 3, 14, 10);
		ImagePlus c = max.crop();
		c.getProcessor().invert();
		c.getProcessor().add(25);
		ContrastEnhancer enhancer = new ContrastEnhancer();
		enhancer.setNormalize(true);
		enhancer.stretchHistogram(c, 0.35);
		assertSamePixels(c, open(headless, "contrast.png"));

		new ImageConverter(c).convertToGray16();
		try (EspcnModel m = ModelFiles.load(Paths.get("models", "espcn-" + MODEL))) {
			Img<?> sr = Upscaling.upscale(new SuperResolver(m), ImagePlusBridge.wrap(c));
			assertSamePixels(ImagePlusBridge.toImagePlus("sr", sr), open(headless, "sr.tif"));
		}
	}

	@Test
	void aRealImageJGivesTheSamePixels() throws Exception {
		assumeTrue(onPath("imagej") && onPath("xvfb-run"), "Debian's imagej and xvfb-run");
		Path home = Files.createDirectory(dir.resolve("home"));
		installPlugin(home.resolve(".imagej"));
		Path real = Files.createDirectory(dir.resolve("real"));
		ProcessBuilder pb = new ProcessBuilder("timeout", "300", "xvfb-run", "-a", "imagej",
			"-b", macro.toString(), real + "|" + input).redirectErrorStream(true)
				.redirectOutput(dir.resolve("imagej.log").toFile());
		pb.environment().put("HOME", home.toString());
		Process p = pb.start();
		assertTrue(p.waitFor(320, TimeUnit.SECONDS));
		String log = Files.readString(dir.resolve("imagej.log"));
		for (String name : new String[] { "blurred.tif", "contrast.png", "sr.tif" }) {
			assertTrue(Files.exists(real.resolve(name)), name + " missing; ImageJ said: " + log);
			assertSamePixels(open(real, name), open(headless, name));
		}
	}

	/**
	 * The plugin as a user installs it into plain ImageJ: the plugin jar (made here from the
	 * compiled classes and their resources) in plugins/, its run-time jars in plugins/jars/.
	 */
	private static void installPlugin(Path imagej) throws IOException {
		Path jars = Files.createDirectories(imagej.resolve("plugins/jars"));
		Path classes = Paths.get("target/classes");
		try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(imagej.resolve(
			"plugins/ESPCN_.jar")));
			Stream<Path> files = Files.walk(classes))
		{
			for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(
					File.separatorChar, '/')));
				Files.copy(f, jar);
				jar.closeEntry();
			}
		}
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty(
			"java.class.path"));
		for (String entry : classPath.split(File.pathSeparator)) {
			Path jar = Paths.get(entry);
			String name = jar.getFileName().toString();
			if (name.endsWith(".jar") && !name.startsWith("ij-") && !name.startsWith("junit") &&
				!name.startsWith("surefire")) Files.copy(jar, jars.resolve(name));
		}
	}

	private static boolean onPath(String command) {
		for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			if (Files.isExecutable(Paths.get(d, command))) return true;
		return false;
	}

	private static ImagePlus open(Path folder, String name) {
		ImagePlus imp = IJ.openImage(folder.resolve(name).toString());
		assertFalse(imp == null, name + " cannot be read");
		return imp;
	}

	private static void assertSamePixels(ImagePlus expected, ImagePlus actual) {
		assertEquals(expected.getWidth() + "x" + expected.getHeight() + "x" + expected
			.getStackSize() + " " + expected.getBitDepth() + "-bit", actual.getWidth() + "x" + actual
				.getHeight() + "x" + actual.getStackSize() + " " + actual.getBitDepth() + "-bit",
			actual.getTitle());
		for (int i = 1; i <= expected.getStackSize(); i++) {
			Object e = expected.getStack().getPixels(i), a = actual.getStack().getPixels(i);
			if (e instanceof byte[]) assertArrayEquals((byte[]) e, (byte[]) a, actual.getTitle());
			else if (e instanceof short[]) assertArrayEquals((short[]) e, (short[]) a, actual
				.getTitle());
			else assertArrayEquals((float[]) e, (float[]) a, actual.getTitle());
		}
	}
}
