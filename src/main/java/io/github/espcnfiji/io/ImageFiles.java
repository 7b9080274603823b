package io.github.espcnfiji.io;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Quantize;
import io.github.espcnfiji.files.PendingFile;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.TiffEncoder;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Reading and writing image files through ImageJ 1.x without any user interface: safe to use
 * headless ({@code -Djava.awt.headless=true}) and from scripts. Failures are exceptions with a
 * message naming the file, never dialogs.
 * <pre>{@code
 * LoadedImage hr = ImageFiles.read(Paths.get("butterfly.png"));
 * FloatPlane[] rgb = hr.planes();
 * ImageFiles.write(Paths.get("out.png"), rgb, 24, false);
 * }</pre>
 */
public final class ImageFiles {

	static {
		// ImageIO's default disk cache leaves imageio*.tmp files in the temporary folder when the
		// process is killed; images are small enough to stream from memory
		ImageIO.setUseCache(false);
	}

	/** File name extensions (lower case) that ImageJ 1.x opens as images. */
	public static final Set<String> EXTENSIONS = Collections.unmodifiableSet(new LinkedHashSet<>(
		Arrays.asList("png", "tif", "tiff", "jpg", "jpeg", "bmp", "gif", "pgm", "pbm", "ppm",
			"dcm", "fits", "fit", "fts")));

	/** Opener file types that ImageJ would open as something other than an image. */
	private static final Set<Integer> NOT_IMAGES = new LinkedHashSet<>(Arrays.asList(
		Opener.TEXT, Opener.JAVA_OR_TEXT, Opener.ROI, Opener.LUT, Opener.TABLE, Opener.OJJ));

	/**
	 * The most pixels per plane a file may declare unless the caller allows more: Pillow's limit
	 * ({@code 2 * Image.MAX_IMAGE_PIXELS}), about 179 million, e.g. 13,000 x 13,000.
	 */
	public static final long DEFAULT_MAX_PIXELS = 178_956_970L;

	private ImageFiles() {}

	/**
	 * Reads an image file as float planes on its native scale.
	 *
	 * @throws NoSuchFileException if the file does not exist
	 * @throws IOException if it is a folder, ImageJ cannot read it as an image, or it is
	 *           truncated, damaged or too large (see {@link #open(Path, long)})
	 * @throws IllegalArgumentException if the image is empty or smaller than 2x2
	 */
	public static LoadedImage read(Path file) throws IOException {
		return read(file, DEFAULT_MAX_PIXELS);
	}

	/** As {@link #read(Path)}, allowing up to {@code maxPixels} pixels per plane. */
	public static LoadedImage read(Path file, long maxPixels) throws IOException {
		ImagePlus imp = open(file, maxPixels);
		try {
			return fromImagePlus(imp);
		}
		finally {
			imp.close();
		}
	}

	/**
	 * Opens an image file as ImageJ 1.x does (stacks and hyperstacks included), without any
	 * dialog; the caller closes it. At most {@link #DEFAULT_MAX_PIXELS} per plane.
	 *
	 * @throws NoSuchFileException if the file does not exist
	 * @throws IOException if it is a folder or ImageJ cannot read it as an image, or it is
	 *           truncated, damaged or too large (see {@link #open(Path, long)})
	 */
	public static ImagePlus open(Path file) throws IOException {
		return open(file, DEFAULT_MAX_PIXELS);
	}

	/**
	 * As {@link #open(Path)}, allowing up to {@code maxPixels} pixels per plane. Before any
	 * decoder runs, the file's structure is checked, and each failure is one line naming the
	 * file: a truncated PNG, TIFF or JPEG (decoders would fill the missing part with black); a
	 * size that its bytes could not hold, or above {@code maxPixels}; a multi-page TIFF whose
	 * pages differ in size (ImageJ would keep the first page only); a CMYK JPEG.
	 *
	 * @throws NoSuchFileException if the file does not exist
	 * @throws IOException as {@link #open(Path)} says
	 */
	public static ImagePlus open(Path file, long maxPixels) throws IOException {
		if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null,
			"no such image file");
		if (Files.isDirectory(file)) throw new IOException(file +
			" is a folder; expected an image file");
		if (!Files.isReadable(file)) throw new AccessDeniedException(file.toString(), null,
			"the image file is not readable");
		ImageFileCheck.check(file, maxPixels);
		String path = file.toAbsolutePath().toString();
		if (!namedByString(path)) throw new IOException(file + ": its name is not valid in this " +
			"system's character set (" + System.getProperty("sun.jnu.encoding") + "), so ImageJ " +
			"cannot open it by name; rename the file");
		ImagePlus imp;
		try {
			Opener opener = new Opener();
			opener.setSilentMode(true);
			if (NOT_IMAGES.contains(opener.getFileType(path))) throw new IOException(
				"ImageJ cannot read " + file + " as an image: it is a text, table, ROI or LUT file");
			IJ.redirectErrorMessages();
			imp = opener.openImage(path);
		}
		catch (RuntimeException e) {
			throw new IOException("ImageJ could not read " + file + ": " + e, e);
		}
		catch (OutOfMemoryError e) {
			throw new IOException(file + " is larger than the memory Java may use (" + Runtime
				.getRuntime().maxMemory() / (1 << 20) + " MB): give Java more memory (java -Xmx8g " +
				"..., or Edit > Options > Memory in Fiji)", e);
		}
		finally {
			IJ.redirectErrorMessages(false);
		}
		if (imp == null) throw new IOException("ImageJ cannot read " + file +
			" as an image; supported files include " + String.join(", ", EXTENSIONS));
		return imp;
	}

	/**
	 * Whether the file found by a path's bytes is also found by its text, as ImageJ looks for
	 * it: not so for a name whose bytes are not valid in the file-name character set (a Latin-1
	 * {@code caf\u00e9.png} under UTF-8), which a folder listing still returns.
	 */
	private static boolean namedByString(String path) {
		try {
			return Files.exists(java.nio.file.Paths.get(path));
		}
		catch (java.nio.file.InvalidPathException e) {
			return false;
		}
	}

	/**
	 * The planes of an open image, copied to floats: RGB becomes R, G, B on 0-255; 8-bit images
	 * give their raw values whatever grey or pseudo-colour LUT they have (inverted, Fire, ...),
	 * except indexed-colour images (ImageJ type COLOR_256, or a LUT that is neither grey nor a
	 * smooth pseudo-colour ramp, as palette PNGs and GIFs get), which become RGB.
	 *
	 * @throws IllegalArgumentException if the image is empty or smaller than 2x2
	 */
	public static LoadedImage fromImagePlus(ImagePlus imp) {
		int w = imp.getWidth(), h = imp.getHeight();
		String title = imp.getTitle();
		if (w < 2 || h < 2 || imp.getStackSize() < 1)
			throw new IllegalArgumentException("Image '" + title + "' is " + w + "x" + h +
				"; it must be at least 2x2 pixels");
		boolean indexedColour = IndexedColour.is(imp);
		int bitDepth = indexedColour ? 24 : imp.getBitDepth();
		ImageStack stack = imp.getStack();
		List<FloatPlane[]> slices = new ArrayList<>();
		for (int i = 1; i <= stack.getSize(); i++) {
			ImageProcessor ip = stack.getProcessor(i);
			if (indexedColour) {
				ip.setColorModel(imp.getProcessor().getColorModel());
				ip = ip.convertToRGB();
			}
			slices.add(planesOf(ip, bitDepth, w, h));
		}
		return new LoadedImage(title, bitDepth, slices);
	}

	private static FloatPlane[] planesOf(ImageProcessor ip, int bitDepth, int w, int h) {
		int n = w * h;
		switch (bitDepth) {
			case 8: {
				byte[] px = (byte[]) ip.getPixels();
				float[] out = new float[n];
				for (int i = 0; i < n; i++)
					out[i] = px[i] & 0xff;
				return new FloatPlane[] { new FloatPlane(out, w, h) };
			}
			case 16: {
				short[] px = (short[]) ip.getPixels();
				float[] out = new float[n];
				for (int i = 0; i < n; i++)
					out[i] = px[i] & 0xffff;
				return new FloatPlane[] { new FloatPlane(out, w, h) };
			}
			case 32:
				return new FloatPlane[] { new FloatPlane(((float[]) ip.getPixels()).clone(), w, h) };
			case 24: {
				int[] px = (int[]) ip.getPixels();
				float[] r = new float[n], g = new float[n], b = new float[n];
				for (int i = 0; i < n; i++) {
					int c = px[i];
					r[i] = (c >> 16) & 0xff;
					g[i] = (c >> 8) & 0xff;
					b[i] = c & 0xff;
				}
				return new FloatPlane[] { new FloatPlane(r, w, h), new FloatPlane(g, w, h),
					new FloatPlane(b, w, h) };
			}
			default:
				throw new IllegalArgumentException("Unsupported bit depth " + bitDepth);
		}
	}

	/**
	 * Writes one image as PNG ({@code .png}: 8-bit, 16-bit or RGB) or TIFF ({@code .tif},
	 * {@code .tiff}: also 32-bit), chosen by the extension. Values are rounded and clamped to the
	 * type's range (except 32-bit). The file is written to a temporary file in the same folder
	 * and then moved into place, so no half-written file is ever left under {@code path}.
	 *
	 * @param planes one plane for bit depth 8, 16 or 32; R, G, B planes on 0-255 for 24
	 * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
	 * @throws IllegalArgumentException for an unknown extension or a type the format cannot hold
	 */
	public static void write(Path path, FloatPlane[] planes, int bitDepth, boolean overwrite)
		throws IOException
	{
		if (png(path) && bitDepth == 32) throw new IllegalArgumentException(
			"PNG cannot hold 32-bit float images; save '" + path.getFileName() + "' as .tif");
		write(path, toImagePlus(fileTitle(path), planes, bitDepth), overwrite);
	}

	/**
	 * Writes an open image as {@link #write(Path, FloatPlane[], int, boolean)} does: PNG for one
	 * 8-bit, 16-bit or RGB plane; TIFF for any type, stacks and hyperstacks included (ImageJ's
	 * TIFF, with calibration). Temporary file and move: never a half-written file.
	 *
	 * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
	 * @throws IllegalArgumentException for an unknown extension or an image PNG cannot hold
	 */
	public static void write(Path path, ImagePlus imp, boolean overwrite) throws IOException {
		boolean png = png(path);
		if (png && imp.getBitDepth() == 32) throw new IllegalArgumentException(
			"PNG cannot hold 32-bit float images; save '" + path.getFileName() + "' as .tif");
		if (png && imp.getStackSize() > 1) throw new IllegalArgumentException("PNG cannot hold " +
			"the " + imp.getStackSize() + " planes of a stack; save '" + path.getFileName() +
			"' as .tif");
		Path target = path.toAbsolutePath();
		PendingFile.write(target, overwrite, out -> encode(imp, png, out, target));
	}

	/**
	 * Encodes {@code imp} as PNG or TIFF into {@code out} and flushes it. A failure (a full disk)
	 * is one message that names {@code target} and the cause the encoder wrapped, e.g.
	 * {@code cannot write /data/out.png: No space left on device}, never the encoder's own
	 * "I/O error writing PNG file!".
	 */
	static void encode(ImagePlus imp, boolean png, OutputStream out, Path target)
		throws IOException
	{
		try {
			if (png) writePng(imp, out);
			else writeTiff(imp, out);
			out.flush();
		}
		catch (IOException e) {
			throw new IOException("cannot write " + target + ": " + rootCause(e), e);
		}
	}

	/** The innermost message: what the file system said, under the encoder's wrapping. */
	private static String rootCause(Throwable e) {
		Throwable root = e;
		for (Throwable c = e.getCause(); c != null && c != root; c = c.getCause())
			if (c.getMessage() != null) root = c;
		return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
	}

	/** ImageJ's TIFF, with the description that keeps hyperstack dimensions and calibration. */
	private static void writeTiff(ImagePlus imp, OutputStream out) throws IOException {
		FileInfo fi = imp.getFileInfo();
		fi.description = new FileSaver(imp).getDescriptionString();
		new TiffEncoder(fi).write(out);
	}

	/** PNG or TIFF by the extension; anything else is refused. */
	private static boolean png(Path path) {
		String ext = extensionOf(path);
		boolean png = ext.equals("png");
		if (!png && !ext.equals("tif") && !ext.equals("tiff"))
			throw new IllegalArgumentException("Cannot write '" + path.getFileName() +
				"': use a .png, .tif or .tiff file name");
		return png;
	}

	/**
	 * A new ImagePlus holding copies of the planes as the given type (values rounded and clamped
	 * for 8, 16 and 24 bits).
	 */
	public static ImagePlus toImagePlus(String title, FloatPlane[] planes, int bitDepth) {
		int channels = bitDepth == 24 ? 3 : 1;
		if (planes.length != channels)
			throw new IllegalArgumentException((bitDepth == 24 ? "RGB" : bitDepth + "-bit") +
				" needs " + channels + " plane" + (channels > 1 ? "s" : "") + ", got " +
				planes.length);
		int w = planes[0].width(), h = planes[0].height(), n = w * h;
		for (FloatPlane p : planes)
			if (p.width() != w || p.height() != h) throw new IllegalArgumentException(
				"Colour planes differ in size");
		ImageProcessor ip;
		switch (bitDepth) {
			case 8: {
				byte[] px = new byte[n];
				float[] v = planes[0].data();
				for (int i = 0; i < n; i++)
					px[i] = (byte) Quantize.roundClamp(v[i], 0, 255);
				ip = new ByteProcessor(w, h, px);
				break;
			}
			case 16: {
				short[] px = new short[n];
				float[] v = planes[0].data();
				for (int i = 0; i < n; i++)
					px[i] = (short) Quantize.roundClamp(v[i], 0, 65535);
				ip = new ShortProcessor(w, h, px, null);
				break;
			}
			case 32:
				ip = new FloatProcessor(w, h, planes[0].data().clone());
				break;
			case 24: {
				int[] px = new int[n];
				float[] r = planes[0].data(), g = planes[1].data(), b = planes[2].data();
				for (int i = 0; i < n; i++)
					px[i] = 0xff000000 | (int) Quantize.roundClamp(r[i], 0, 255) << 16 |
						(int) Quantize.roundClamp(g[i], 0, 255) << 8 | (int) Quantize.roundClamp(b[i],
							0, 255);
				ip = new ColorProcessor(w, h, px);
				break;
			}
			default:
				throw new IllegalArgumentException("Bit depth must be 8, 16, 24 (RGB) or 32, got " +
					bitDepth);
		}
		return new ImagePlus(title, ip);
	}

	/**
	 * The image files (by extension, see {@link #EXTENSIONS}) directly in a folder, sorted by
	 * file name; hidden files are skipped.
	 *
	 * @throws NoSuchFileException or {@link NotDirectoryException} if the folder is missing
	 * @throws IllegalArgumentException if the folder holds no image files
	 */
	public static List<Path> list(Path dir) throws IOException {
		if (!Files.exists(dir)) throw new NoSuchFileException(dir.toString(), null,
			"no such folder");
		if (!Files.isDirectory(dir)) throw new NotDirectoryException(dir.toString());
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
			for (Path p : entries) {
				String name = p.getFileName().toString();
				if (!name.startsWith(".") && Files.isRegularFile(p) && EXTENSIONS.contains(
					extensionOf(p))) files.add(p);
			}
		}
		if (files.isEmpty()) throw new IllegalArgumentException("No image files in " + dir +
			" (looked for " + String.join(", ", EXTENSIONS) + ")");
		files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
		return files;
	}

	private static void writePng(ImagePlus imp, OutputStream out) throws IOException {
		int w = imp.getWidth(), h = imp.getHeight();
		Object pixels = imp.getProcessor().getPixels();
		if (PngEncoder.writes(imp.getBitDepth(), pixels, w, h)) {
			PngEncoder.standard().write(imp.getBitDepth(), pixels, w, h, out);
			return;
		}
		BufferedImage img; // ImageIO for what the fast writer does not take
		switch (imp.getBitDepth()) {
			case 8:
				img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
				img.getRaster().setDataElements(0, 0, w, h, imp.getProcessor().getPixels());
				break;
			case 16: {
				img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
				WritableRaster raster = img.getRaster();
				raster.setDataElements(0, 0, w, h, imp.getProcessor().getPixels());
				break;
			}
			default:
				img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
				img.getRaster().setDataElements(0, 0, w, h, imp.getProcessor().getPixels());
		}
		// A stream of our own, cached in memory: ImageIO.write(img, "png", out) would cache in a
		// temporary file whose closer thread fails with a NullPointerException after a full disk.
		ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
		try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
			writer.setOutput(stream);
			writer.write(img);
		}
		finally {
			writer.dispose();
		}
	}

	private static String extensionOf(Path p) {
		String name = p.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	private static String fileTitle(Path p) {
		return p.getFileName().toString();
	}
}
