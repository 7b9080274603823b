package io.github.espcnfiji.bioimageio;

import io.github.espcnfiji.core.Tensor;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * PyTorch's zip archives written without PyTorch: a {@code state_dict} as {@code torch.save}
 * writes it ({@link #stateDict}), and a TorchScript module with its parameters as
 * {@code torch.jit.save} writes it ({@link #scriptModule}), both in file format version 3, which
 * PyTorch 1.13 and 2.x load (the tests check 1.13 and 2.7.1). Entries are stored uncompressed with their data
 * aligned to 64 bytes, as PyTorch writes them; tensors are float32, contiguous, on the CPU.
 * <pre>{@code
 * byte[] pt = TorchArchive.stateDict("weights", params);      // torch.load(path)
 * byte[] ts = TorchArchive.scriptModule("espcn", "Espcn", source, params, Map.of()); // jit.load
 * }</pre>
 */
public final class TorchArchive {

	/** The serialisation format version written (as PyTorch 1.13 writes for such modules). */
	public static final String VERSION = "3";
	private static final int ALIGN = 64;
	/** A fixed entry time, so that one model always gives the same bytes. */
	private static final long ENTRY_TIME = 1577880000000L; // 2020-01-01T12:00Z

	private TorchArchive() {}

	/**
	 * {@code torch.save(state_dict)}: an {@code OrderedDict} of name to tensor; {@code root} is
	 * the archive's top folder (PyTorch takes it from the file name; any name loads).
	 */
	public static byte[] stateDict(String root, Map<String, Tensor> tensors) {
		Pickle p = new Pickle();
		p.global("collections", "OrderedDict").emptyTuple().reduce();
		p.mark();
		List<Tensor> storages = new ArrayList<>();
		for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
			p.string(e.getKey());
			tensor(p, e.getValue(), storages, false);
		}
		p.setItems();
		return zip(root, p.stop(), null, storages);
	}

	/**
	 * {@code torch.jit.save} of a module of class {@code __torch__.<className>} whose code
	 * ({@code code/__torch__.py}, TorchScript's serialised Python subset) is {@code source} and
	 * whose parameters and buffers, as the source declares them in {@code __parameters__} and
	 * {@code __buffers__}, are {@code parameters} and {@code buffers}. The module is saved in
	 * eval mode.
	 */
	public static byte[] scriptModule(String root, String className, String source,
		Map<String, Tensor> parameters, Map<String, Tensor> buffers)
	{
		Pickle p = new Pickle();
		p.global("__torch__", className).emptyTuple().newObj().emptyDict().mark();
		List<Tensor> storages = new ArrayList<>();
		for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
			p.string(e.getKey());
			tensor(p, e.getValue(), storages, true);
		}
		for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
			p.string(e.getKey());
			tensor(p, e.getValue(), storages, false);
		}
		p.string("training").bool(false);
		p.setItems().build();
		return zip(root, p.stop(), source, storages);
	}

	/** {@code torch._utils._rebuild_tensor_v2(storage, 0, shape, stride, requires_grad, {})}. */
	private static void tensor(Pickle p, Tensor t, List<Tensor> storages, boolean requiresGrad) {
		String key = Integer.toString(storages.size());
		storages.add(t);
		p.global("torch._utils", "_rebuild_tensor_v2").mark();
		p.mark().string("storage").global("torch", "FloatStorage").string(key).string("cpu").integer(
			t.data().length).tuple().persistentId();
		p.integer(0).ints(t.shape()).ints(strides(t.shape())).bool(requiresGrad);
		p.global("collections", "OrderedDict").emptyTuple().reduce();
		p.tuple().reduce();
	}

	private static long[] strides(long[] shape) {
		long[] s = new long[shape.length];
		long step = 1;
		for (int i = shape.length - 1; i >= 0; i--) {
			s[i] = step;
			step *= shape[i];
		}
		return s;
	}

	private static byte[] zip(String root, byte[] dataPkl, String code, List<Tensor> storages) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put(root + "/data.pkl", dataPkl);
		if (code != null) {
			entries.put(root + "/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
			entries.put(root + "/constants.pkl", new Pickle().emptyTuple().stop());
		}
		for (int i = 0; i < storages.size(); i++)
			entries.put(root + "/data/" + i, littleEndian(storages.get(i).data()));
		entries.put(root + "/version", (VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Counting counted = new Counting(bytes);
		try (ZipOutputStream zip = new ZipOutputStream(counted)) {
			for (Map.Entry<String, byte[]> e : entries.entrySet())
				store(zip, counted, e.getKey(), e.getValue());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e); // in memory: does not happen
		}
		return bytes.toByteArray();
	}

	private static byte[] littleEndian(float[] data) {
		ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
		b.asFloatBuffer().put(data);
		return b.array();
	}

	/** One stored entry, its data padded to {@link #ALIGN} with an extra field as PyTorch does. */
	private static void store(ZipOutputStream zip, Counting counted, String name, byte[] data)
		throws IOException
	{
		ZipEntry e = new ZipEntry(name);
		e.setMethod(ZipEntry.STORED);
		e.setTime(ENTRY_TIME);
		e.setSize(data.length);
		CRC32 crc = new CRC32();
		crc.update(data);
		e.setCrc(crc.getValue());
		long headerEnd = counted.count + 30 + name.getBytes(StandardCharsets.UTF_8).length + 4;
		int pad = (int) ((ALIGN - headerEnd % ALIGN) % ALIGN);
		byte[] extra = new byte[4 + pad];
		extra[0] = 'F'; // PyTorch's padding field id "FB"
		extra[1] = 'B';
		extra[2] = (byte) pad;
		extra[3] = (byte) (pad >> 8);
		for (int i = 4; i < extra.length; i++)
			extra[i] = 'Z';
		e.setExtra(extra);
		zip.putNextEntry(e);
		zip.write(data);
		zip.closeEntry();
	}

	/** Counts the bytes written, to place each entry's data. */
	private static final class Counting extends FilterOutputStream {

		long count;

		Counting(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			out.write(b);
			count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
			count += len;
		}
	}
}
