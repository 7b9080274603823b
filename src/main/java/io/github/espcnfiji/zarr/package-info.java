/**
 * OME-Zarr in and out, on one machine: a small Zarr v2 reader and writer ({@link
 * io.github.espcnfiji.zarr.ZarrArray}: uint8, uint16 and float32 in either byte order, C order,
 * {@code .} and {@code /} separators, fill values; compressors null, zlib, gzip and Blosc with
 * lz4, zstd or zlib inside, byte or bit shuffle), OME-NGFF 0.4 {@code multiscales} metadata
 * ({@link io.github.espcnfiji.zarr.Multiscales}, {@link io.github.espcnfiji.zarr.Axis}), and
 * {@link io.github.espcnfiji.zarr.ZarrUpscaler}, which super-resolves an image chunk by chunk
 * with memory bounded by the chunk size.
 * <pre>{@code
 * Multiscales m = Multiscales.read(Path.of("cells.zarr"));
 * ZarrArray level0 = ZarrArray.open(m.levelPath(0));
 * float[] plane = level0.read(new long[] { 0, 0, 0 }, new int[] { 1, 512, 512 });
 * }</pre>
 * It imports nothing of ImageJ, SciJava or AWT; above {@code core} (normalisation, tiles) and
 * {@code files} (outputs complete or absent), below the command line's {@code upscale} and
 * Fiji's "ESPCN OME-Zarr..." ({@code ij1}), which both call {@code ZarrUpscaler}.
 */
package io.github.espcnfiji.zarr;
