package io.github.espcnfiji.zarr;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Normalization;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.Tile;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.files.Inputs;
import io.github.espcnfiji.files.PendingFolder;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Super-resolves every 2D (y, x) plane of an OME-Zarr image's full-resolution level, chunk by
 * chunk, into a new OME-Zarr image, so that memory depends on the chunk size, never on the
 * image size.
 * <ol>
 * <li>The intensity mapping is that of {@link Normalization}: fixed {@code v / 255} for uint8;
 * for uint16 and float32 the whole image's min and max, found by a first pass that reads every
 * chunk once (the same mapping a whole-image run computes).</li>
 * <li>Each output chunk (in C order) is made from the input box its pixels come from, widened
 * by the network's {@link PlaneUpscaler#halo() halo} where the image continues, cut into tiles
 * of at most {@code tileSize} input pixels: the result equals super-resolving each whole plane
 * at once (see {@link Tiler}).</li>
 * <li>Levels 1 to {@code pyramid}, if asked, each halve y and x of the level before (the mean of
 * each 2 x 2 block; of fewer pixels at odd edges), again chunk by chunk.</li>
 * </ol>
 * The output keeps the input's axes, units, dtype and dimension separator; level 0 has the
 * input's scale with y and x divided by the factor, and a translation that keeps pixel centres
 * where the input's were. It is written into a hidden folder beside the target and renamed into
 * place when complete ({@link PendingFolder}).
 * <pre>{@code
 * new ZarrUpscaler(model.upscaler(mode), ZarrUpscaler.Settings.defaults().withPyramid(2),
 *     (level, done, total) -> log(done + "/" + total)).write(in, out, false);
 * }</pre>
 */
public final class ZarrUpscaler {

	/** Told after each finished output chunk. */
	@FunctionalInterface
	public interface Progress {

		/**
		 * @param level the output level being written (0: the super-resolved one)
		 * @param done chunks of this level finished
		 * @param total chunks of this level
		 */
		void chunk(int level, long done, long total);

		/** Told what comes next: a line for the user. */
		default void stage(String what) {}
	}

	/** The output's layout; immutable. */
	public static final class Settings {

		private final int chunk;
		private final int pyramid;
		private final Compressor compressor;
		private final int tileSize;
		private final BooleanSupplier cancelled;

		private Settings(int chunk, int pyramid, Compressor compressor, int tileSize,
			BooleanSupplier cancelled)
		{
			if (chunk < 0 || pyramid < 0 || tileSize < 1) throw new IllegalArgumentException(
				"chunk and pyramid must not be negative, tile size at least 1");
			this.chunk = chunk;
			this.pyramid = pyramid;
			this.compressor = compressor;
			this.tileSize = tileSize;
			this.cancelled = cancelled;
		}

		/** Output chunks shaped as the input's, the input's compressor, no pyramid. */
		public static Settings defaults() {
			return new Settings(0, 0, null, Tiler.DEFAULT_TILE_SIZE, () -> false);
		}

		/** The side of output chunks in y and x; 0: the input's. */
		public Settings withChunk(int side) {
			return new Settings(side, pyramid, compressor, tileSize, cancelled);
		}

		/** The number of halved levels after level 0. */
		public Settings withPyramid(int levels) {
			return new Settings(chunk, levels, compressor, tileSize, cancelled);
		}

		/** The output's compressor; null: the input's (Blosc lz4 where it cannot be written). */
		public Settings withCompressor(Compressor c) {
			return new Settings(chunk, pyramid, c, tileSize, cancelled);
		}

		/** The largest tile side in input pixels. */
		public int tileSize() {
			return tileSize;
		}

		/** The largest tile side, in input pixels, given to the network at once. */
		public Settings withTileSize(int pixels) {
			return new Settings(chunk, pyramid, compressor, pixels, cancelled);
		}

		/**
		 * Asked before each chunk; when it answers true the work stops with a
		 * {@link CancellationException} and the unfinished output is removed.
		 */
		public Settings withCancellation(BooleanSupplier check) {
			return new Settings(chunk, pyramid, compressor, tileSize, check);
		}
	}

	/** The smallest tile side, in input pixels, a chunk is split into for threads. */
	private static final int MIN_SPLIT = 32;

	private final PlaneUpscaler upscaler;
	private final Settings settings;
	private final Progress progress;

	public ZarrUpscaler(PlaneUpscaler upscaler, Settings settings, Progress progress) {
		this.upscaler = upscaler;
		this.settings = settings;
		this.progress = progress;
	}

	/**
	 * Super-resolves the image at {@code input} into {@code output}, complete or not at all.
	 *
	 * @throws java.nio.file.FileAlreadyExistsException when the output exists and
	 *           {@code overwrite} is false
	 * @throws IllegalArgumentException when the output is, lies in, or holds the input
	 * @throws ZarrFormatException naming the file when the input cannot be read
	 */
	public Multiscales write(Path input, Path output, boolean overwrite) throws IOException {
		checkOutput(input, output, overwrite);
		Multiscales source = Multiscales.read(input);
		// checked above: an existing output is an empty folder or, with overwrite, a Zarr image
		try (PendingFolder pending = PendingFolder.create(output, overwrite || isEmptyFolder(
			output)))
		{
			Multiscales result;
			try {
				result = upscale(source, pending.temporary());
			}
			catch (java.nio.file.FileSystemException e) {
				// a full disk or a lost folder while writing chunks: name the output, not the
				// hidden temporary folder its chunks go to until the end
				String file = e.getFile() == null ? "" : e.getFile();
				if (!file.startsWith(pending.temporary().toString())) throw e;
				throw new IOException("cannot write " + output + ": " + (e.getReason() != null ? e
					.getReason() : e.getClass().getSimpleName()), e);
			}
			pending.commit();
			return new Multiscales(output, result.name(), result.axes(), result.levels());
		}
	}

	private static boolean isEmptyFolder(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) return false;
		try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
			return entries.findAny().isEmpty();
		}
	}

	/**
	 * Everything about the output that can be told before any work: it is not the input, does
	 * not lie inside it or hold it, and an existing one is replaced only with {@code overwrite}
	 * and only when it is a Zarr image itself (an empty folder counts as new): a folder of other
	 * files is never replaced.
	 */
	public static void checkOutput(Path input, Path output, boolean overwrite) throws IOException {
		Inputs.refuseOverwriting(output, input, "--output");
		Path in = input.toAbsolutePath().normalize(), out = output.toAbsolutePath().normalize();
		Path realIn = Files.exists(in) ? in.toRealPath() : in;
		Path outParent = out.getParent() != null && Files.exists(out.getParent()) ? out.getParent()
			.toRealPath().resolve(out.getFileName()) : out;
		if (outParent.startsWith(realIn)) throw new IllegalArgumentException("--output " + output +
			" lies inside the input " + input + "; choose a folder outside it (inputs are never " +
			"changed)");
		if (realIn.startsWith(outParent)) throw new IllegalArgumentException("--output " + output +
			" holds the input " + input + "; choose another folder (inputs are never overwritten)");
		if (!Files.exists(out)) return;
		if (!Files.isDirectory(out)) throw new FileAlreadyExistsException(output.toString(), null,
			"exists and is not a folder; choose another name");
		if (isEmptyFolder(out)) return;
		if (!overwrite) throw new FileAlreadyExistsException(output.toString(), null,
			"the output exists; add --overwrite to replace it, or choose another name");
		if (!Multiscales.isZarr(out)) throw new FileAlreadyExistsException(output.toString(), null,
			"is a folder that is not a Zarr image; not replacing it, choose a new or empty folder");
	}

	/**
	 * Super-resolves level 0 of {@code source} into the empty folder {@code target} (and adds
	 * the pyramid), writing {@code .zgroup} and {@code .zattrs} last.
	 */
	public Multiscales upscale(Multiscales source, Path target) throws IOException {
		ZarrArray level0 = level0(source);
		if (level0.dataType().kind() != DataType.Kind.UINT8) progress.stage("intensity range: " +
			"reading every chunk of " + level0.dir().getFileName() + " once (" + count(level0
				.chunkGrid()) + " chunks)");
		Normalization mapping = mapping(level0, settings.cancelled);
		ZarrArray out = createLevel0(level0, target, upscaler.scale(), settings);
		progress.stage("intensity mapping " + mapping + "; level 0: " + Arrays.toString(level0
			.shape()) + " -> x" + upscaler.scale() + ", " + count(out.chunkGrid()) +
			" output chunks of " + Arrays.toString(out.chunks()));
		superResolve(level0, out, mapping);
		return finish(source, target, out, upscaler.scale(), settings, progress);
	}

	/**
	 * The full-resolution level of {@code source}, checked: its last two axes are y and x.
	 *
	 * @throws ZarrFormatException naming the file when it is not
	 */
	public static ZarrArray level0(Multiscales source) throws IOException {
		List<Axis> axes = source.axes();
		int n = axes.size();
		if (n < 2 || !axes.get(n - 1).name().equals("x") || !axes.get(n - 2).name().equals("y"))
			throw new ZarrFormatException(source.root().resolve(".zattrs"), "axes " + axes +
				" are not supported: the last two must be y and x");
		ZarrArray level0 = ZarrArray.open(source.levelPath(0));
		if (level0.shape().length != n) throw new ZarrFormatException(level0.dir().resolve(
			".zarray"), "has " + level0.shape().length + " dimensions, the image's axes are " + axes);
		return level0;
	}

	/**
	 * Creates the output's level 0 ({@code target/0}, no chunks yet): y and x times the scale,
	 * chunks and compressor as the settings say (else the input's).
	 */
	public static ZarrArray createLevel0(ZarrArray level0, Path target, int s, Settings settings)
		throws IOException
	{
		int n = level0.shape().length;
		long[] shape = level0.shape();
		shape[n - 1] *= s;
		shape[n - 2] *= s;
		int[] chunks = level0.chunks();
		if (settings.chunk > 0) chunks[n - 1] = chunks[n - 2] = settings.chunk;
		Compressor compressor = settings.compressor != null ? settings.compressor : writable(level0
			.compressor());
		return ZarrArray.create(target.resolve("0"), shape, chunks, level0.dataType(), compressor, 0,
			level0.separator());
	}

	/**
	 * Once every chunk of level 0 ({@code out}) is written: adds the pyramid's levels, then
	 * writes {@code .zgroup} and {@code .zattrs} into {@code target}.
	 */
	public static Multiscales finish(Multiscales source, Path target, ZarrArray out, int s,
		Settings settings, Progress progress) throws IOException
	{
		ZarrArray previous = out;
		for (int k = 1; k <= settings.pyramid; k++) {
			ZarrArray next = createLevel(previous, target, k);
			progress.stage("level " + k + ": " + Arrays.toString(next.shape()) +
				", 2x2 mean of level " + (k - 1));
			int level = k;
			Downsampling.halve(previous, next, (done, total) -> {
				progress.chunk(level, done, total);
				if (done < total) stopIfCancelled(settings, level, done, total);
			});
			previous = next;
		}
		return writeMetadata(source, target, s, settings.pyramid);
	}

	/** How many halved levels the settings ask for after level 0. */
	public static int pyramidLevels(Settings settings) {
		return settings.pyramid;
	}

	/**
	 * Creates level {@code k} of the output ({@code target/k}, no chunks yet): y and x of
	 * {@code previous} halved (rounded up), its chunks, dtype and compressor.
	 */
	public static ZarrArray createLevel(ZarrArray previous, Path target, int k)
		throws IOException
	{
		long[] half = previous.shape();
		int n = half.length;
		half[n - 1] = (half[n - 1] + 1) / 2;
		half[n - 2] = (half[n - 2] + 1) / 2;
		return ZarrArray.create(target.resolve(Integer.toString(k)), half, previous.chunks(),
			previous.dataType(), previous.compressor(), 0, previous.separator());
	}

	/**
	 * Writes chunk {@code c} of a pyramid level from the level before: the mean of each 2 x 2
	 * block; complete or absent, in any order, on any machine.
	 */
	public static void halveChunk(ZarrArray previous, ZarrArray level, long[] c)
		throws IOException
	{
		Downsampling.halveChunk(previous, level, c);
	}

	/**
	 * Writes {@code .zgroup} and {@code .zattrs} of the output in {@code target}: level 0 with
	 * the input's scale divided by {@code s} in y and x (and the translation that keeps pixel
	 * centres), each of the {@code pyramid} levels after it twice the one before.
	 */
	public static Multiscales writeMetadata(Multiscales source, Path target, int s, int pyramid)
		throws IOException
	{
		List<Axis> axes = source.axes();
		int n = axes.size();
		List<Multiscales.Level> levels = new ArrayList<>();
		Multiscales.Level in0 = source.levels().get(0);
		double[] scale = in0.scale(), shift = in0.translation();
		if (shift == null) shift = new double[n];
		for (int d = n - 2; d < n; d++) {
			shift[d] += scale[d] * (0.5 / s - 0.5);
			scale[d] /= s;
		}
		levels.add(new Multiscales.Level("0", scale, shift));
		for (int k = 1; k <= pyramid; k++) {
			double[] sc = levels.get(k - 1).scale(), sh = levels.get(k - 1).translation();
			for (int d = n - 2; d < n; d++) {
				sh[d] += sc[d] * 0.5;
				sc[d] *= 2;
			}
			levels.add(new Multiscales.Level(Integer.toString(k), sc, sh));
		}
		Multiscales result = new Multiscales(target, source.name(), axes, levels);
		result.write();
		return result;
	}

	/**
	 * The intensity mapping of {@code a}: fixed for uint8, else the min and max over every
	 * pixel, read chunk by chunk.
	 */
	public static Normalization mapping(ZarrArray a) throws IOException {
		return mapping(a, () -> false);
	}

	private static Normalization mapping(ZarrArray a, BooleanSupplier cancelled)
		throws IOException
	{
		if (a.dataType().kind() == DataType.Kind.UINT8) return Normalization.unsignedByte();
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		List<long[]> all = ChunkGrid.indexes(a.chunkGrid());
		int done = 0;
		for (long[] c : all) {
			if (cancelled.getAsBoolean()) throw new CancellationException("stopped after reading " +
				done + " of " + all.size() + " chunks for the intensity range");
			done++;
			double[] r = range(a, c);
			lo = Math.min(lo, r[0]);
			hi = Math.max(hi, r[1]);
		}
		return mapping(a.dataType(), lo, hi);
	}

	/** The indexes of every chunk of {@code a}, in C order: the units of work of an image. */
	public static List<long[]> chunkIndexes(ZarrArray a) {
		return ChunkGrid.indexes(a.chunkGrid());
	}

	/**
	 * The smallest and largest sample of chunk {@code c} of {@code a}; the image's range is the
	 * range of its chunks' ranges, in any order.
	 *
	 * @throws ZarrFormatException when the chunk holds NaN or infinite samples
	 */
	public static double[] range(ZarrArray a, long[] c) throws IOException {
		long[] shape = a.shape();
		int[] chunks = a.chunks();
		long[] offset = new long[c.length];
		int[] size = new int[c.length];
		for (int d = 0; d < c.length; d++) {
			offset[d] = c[d] * chunks[d];
			size[d] = (int) Math.min(chunks[d], shape[d] - offset[d]);
		}
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (float v : a.read(offset, size)) {
			if (!Float.isFinite(v)) throw notFinite(a, c, v);
			if (v < lo) lo = v;
			if (v > hi) hi = v;
		}
		return new double[] { lo, hi };
	}

	/**
	 * Says where a NaN or infinite sample of chunk {@code c} comes from: the chunk file, or, for a
	 * chunk that is not stored, the {@code .zarray} whose {@code fill_value} is NaN (the chunk
	 * reads as all fill value; there is no file to name).
	 */
	private static ZarrFormatException notFinite(ZarrArray a, long[] c, float v) throws IOException {
		if (Float.isNaN(v) && Float.isNaN(a.fillValue()) && a.readChunk(c).isEmpty())
			return new ZarrFormatException(a.dir().resolve(".zarray"), "fill_value is NaN and chunk " +
				a.dir().relativize(a.chunkFile(c)) + " is not stored, so its pixels are NaN, which " +
				"leave no intensity range to super-resolve; store the chunk, or give the array a " +
				"number as fill_value");
		return new ZarrFormatException(a.chunkFile(c), (Float.isNaN(v) ? "NaN" : "infinite") +
			" pixels leave no intensity range to super-resolve; replace them first");
	}

	/** The mapping of samples of {@code type} whose range is {@code [lo, hi]}. */
	public static Normalization mapping(DataType type, double lo, double hi) {
		if (type.kind() == DataType.Kind.UINT8) return Normalization.unsignedByte();
		return type.kind() == DataType.Kind.UINT16 ? Normalization.unsignedShort((int) lo, (int) hi)
			: Normalization.floating(lo, hi);
	}

	/** Writes every chunk of {@code out} from {@code in}. */
	private void superResolve(ZarrArray in, ZarrArray out, Normalization mapping)
		throws IOException
	{
		List<long[]> all = ChunkGrid.indexes(out.chunkGrid());
		long done = 0;
		for (long[] c : all) {
			stopIfCancelled(0, done, all.size());
			upscaleChunk(in, out, mapping, c);
			progress.chunk(0, ++done, all.size());
		}
	}

	/**
	 * Writes chunk {@code c} of {@code out} (level 0 of the output) from {@code in}, reading only
	 * the input box its pixels come from with the network's halo; the chunk file is complete or
	 * absent. Chunks may be made in any order, on any machine: each is the same.
	 */
	public void upscaleChunk(ZarrArray in, ZarrArray out, Normalization mapping, long[] c)
		throws IOException
	{
		long[] outShape = out.shape(), inShape = in.shape();
		int[] chunks = out.chunks();
		int n = outShape.length, s = upscaler.scale();
		int width = Math.toIntExact(inShape[n - 1]), height = Math.toIntExact(inShape[n - 2]);
		long[] offset = new long[n];
		int[] size = new int[n];
		for (int d = 0; d < n; d++) {
			offset[d] = c[d] * chunks[d];
			size[d] = (int) Math.min(chunks[d], outShape[d] - offset[d]);
		}
		int ox0 = (int) offset[n - 1], oy0 = (int) offset[n - 2], ow = size[n - 1], oh = size[n - 2];
		int planeSize = ow * oh;
		float[] data = new float[Math.multiplyExact(planeSize, size.length > 2 ? count(size, n - 2)
			: 1)];
		// the input pixels this chunk's pixels come from
		Tile centre = new Tile(ox0 / s, oy0 / s, (ox0 + ow + s - 1) / s, (oy0 + oh + s - 1) / s,
			upscaler.halo(), width, height);
		long[] plane = new long[n];
		int[] box = new int[n];
		Arrays.fill(box, 1);
		box[n - 1] = centre.contextWidth();
		box[n - 2] = centre.contextHeight();
		int p = 0;
		for (long[] position : ChunkGrid.box(offset, size, n - 2)) {
			System.arraycopy(position, 0, plane, 0, n - 2);
			plane[n - 1] = centre.contextX();
			plane[n - 2] = centre.contextY();
			float[] context = in.read(plane, box);
			mapping.toUnit(context);
			FloatPlane up = upscaleContext(new FloatPlane(context, box[n - 1], box[n - 2]), centre);
			int ux = ox0 - centre.contextX() * s, uy = oy0 - centre.contextY() * s;
			for (int row = 0; row < oh; row++)
				System.arraycopy(up.data(), (uy + row) * up.width() + ux, data, p * planeSize + row *
					ow, ow);
			p++;
		}
		mapping.fromUnit(data);
		out.write(offset, size, data);
	}

	/**
	 * The network's output for the whole context of {@code centre}, tile by tile: on the
	 * upscaler's {@link PlaneUpscaler#tileExecutor() tile executor} where it has one (then in at
	 * least 2 x 2 tiles where the centre allows, so that a chunk keeps several threads busy).
	 */
	private FloatPlane upscaleContext(FloatPlane lowRes, Tile centre) {
		int s = upscaler.scale(), side = Math.max(1, Math.min(settings.tileSize, upscaler
			.preferredTileSize()));
		int cx = centre.contextX(), cy = centre.contextY();
		FloatPlane up = FloatPlane.zeros(lowRes.width() * s, lowRes.height() * s);
		Optional<Executor> executor = upscaler.tileExecutor();
		int least = executor.isPresent() ? 2 : 1;
		int nx = Math.max((centre.width() + side - 1) / side, Math.min(least, centre.width() /
			MIN_SPLIT));
		int ny = Math.max((centre.height() + side - 1) / side, Math.min(least, centre.height() /
			MIN_SPLIT));
		List<Tile> tiles = new ArrayList<>();
		for (int ty = 0; ty < ny; ty++)
			for (int tx = 0; tx < nx; tx++) {
				int x0 = centre.x0() + tx * centre.width() / nx, x1 = centre.x0() + (tx + 1) * centre
					.width() / nx;
				int y0 = centre.y0() + ty * centre.height() / ny, y1 = centre.y0() + (ty + 1) * centre
					.height() / ny;
				tiles.add(new Tile(x0 - cx, y0 - cy, x1 - cx, y1 - cy, upscaler.halo(), lowRes.width(),
					lowRes.height()));
			}
		if (executor.isEmpty() || tiles.size() == 1) {
			for (Tile t : tiles)
				upscaler.upscaleTile(lowRes, t, up);
			return up;
		}
		List<CompletableFuture<Void>> running = new ArrayList<>();
		for (Tile t : tiles)
			running.add(CompletableFuture.runAsync(() -> upscaler.upscaleTile(lowRes, t, up), executor
				.get()));
		try {
			CompletableFuture.allOf(running.toArray(new CompletableFuture[0])).join();
		}
		catch (CompletionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw e;
		}
		return up;
	}

	private void stopIfCancelled(int level, long done, long total) {
		stopIfCancelled(settings, level, done, total);
	}

	private static void stopIfCancelled(Settings settings, int level, long done, long total) {
		if (settings.cancelled.getAsBoolean()) throw new CancellationException("stopped after " +
			done + " of " + total + " chunks of level " + level);
	}

	private static long count(long[] grid) {
		long n = 1;
		for (long g : grid)
			n *= g;
		return n;
	}

	private static int count(int[] size, int dims) {
		long n = 1;
		for (int d = 0; d < dims; d++)
			n *= size[d];
		return Math.toIntExact(n);
	}

	/** The input's compressor if it can be written, else Blosc lz4 with byte shuffle. */
	private static Compressor writable(Compressor c) {
		if (c instanceof Blosc) {
			String cname = ((com.google.gson.JsonObject) c.json()).get("cname").getAsString();
			if (!cname.equals("lz4") && !cname.equals("zstd") && !cname.equals("zlib"))
				return Compressor.named("blosc-lz4");
		}
		return c;
	}
}
