package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.core.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights that claim or hold far more than any ESPCN model are refused as what they are (not a
 * weights file, or damaged), before they are read into memory, never with advice about memory.
 */
class NpzLimitsTest {

	@TempDir
	Path dir;

	/**
	 * A zip whose one stored entry {@code name} declares {@code declared} bytes in its local
	 * header but holds 16, with a central directory, as a damaged or hostile archive may.
	 */
	static byte[] zipDeclaring(String name, long declared) {
		byte[] n = name.getBytes(StandardCharsets.US_ASCII);
		ByteBuffer b = ByteBuffer.allocate(30 + n.length + 16 + 46 + n.length + 22).order(
			ByteOrder.LITTLE_ENDIAN);
		b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 0)
			.putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) declared).putInt(
				(int) declared).putShort((short) n.length).putShort((short) 0).put(n).put(new byte[16]);
		int central = b.position();
		b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0)
			.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(
				(int) declared).putInt((int) declared).putShort((short) n.length).putShort((short) 0)
			.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).put(n);
		int end = b.position();
		b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort(
			(short) 1).putInt(end - central).putInt(central).putShort((short) 0);
		return b.array();
	}

	@Test
	void aMemberDeclaringThreeGigabytesIsRefusedBeforeItIsRead() throws IOException {
		Path npz = Files.write(dir.resolve("weights.npz"), zipDeclaring("first_part.0.weight.npy",
			3_000_000_000L));
		IOException e = assertThrows(IOException.class, () -> Npz.read(npz));
		assertEquals(npz + ": array 'first_part.0.weight' holds 2861 MB or more, more than any " +
			"ESPCN model's weights (at most 256 MB): it is not a weights file of this plugin, or it " +
			"is damaged", e.getMessage());
	}

	@Test
	void aMemberLargerThanTheLimitIsRefusedWhileReadingEvenWithoutADeclaredSize()
		throws IOException
	{
		Map<String, Tensor> arrays = new LinkedHashMap<>();
		arrays.put("big", new Tensor(new long[] { 1000 }, new float[1000]));
		byte[] archive = Npz.toBytes(arrays); // deflated, sizes in a trailing data descriptor
		IOException e = assertThrows(IOException.class, () -> Npz.read(archive, "w.npz", 2000));
		assertTrue(e.getMessage().startsWith("w.npz: array 'big' holds 0 MB or more, more than any"),
			e.getMessage());
		assertEquals(1000, Npz.read(archive, "w.npz", 5000).get("big").data().length);
	}

	@Test
	void aModelFolderWithAnOversizedWeightsMemberIsAnInvalidModel() throws IOException {
		Path folder = Files.createDirectory(dir.resolve("m"));
		EspcnSpec spec = new EspcnSpec(3, 1, Activation.TANH, new int[] { 4, 2 }, new int[] { 3, 3,
			3 });
		ModelFiles.save(ModelCard.forSpec(spec), EspcnBlock.initialWeights(spec, 1), folder.resolve(
			"ok"), false);
		Files.copy(folder.resolve("ok").resolve("card.json"), folder.resolve("card.json"));
		Files.write(folder.resolve("weights.npz"), zipDeclaring("last_part.0.bias.npy",
			3_000_000_000L));
		IOException e = assertThrows(IOException.class, () -> ModelFiles.load(folder));
		assertTrue(e.getMessage().contains("holds 2861 MB or more, more than any ESPCN model's " +
			"weights"), e.getMessage());
	}
}
