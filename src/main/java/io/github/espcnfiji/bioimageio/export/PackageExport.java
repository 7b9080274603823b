package io.github.espcnfiji.bioimageio.export;

import io.github.espcnfiji.bioimageio.NdArray;
import io.github.espcnfiji.bioimageio.Npy;
import io.github.espcnfiji.bioimageio.RdfYaml;
import io.github.espcnfiji.bioimageio.TorchArchive;
import io.github.espcnfiji.files.PendingFile;
import io.github.espcnfiji.model.CardJson;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.Npz;
import io.github.espcnfiji.model.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a model as a bioimage.io model package: a zip with {@code rdf.yaml} at its root, the
 * whole network as TorchScript, the {@code pytorch_state_dict} weights with the architecture's
 * Python source, {@code .npy} test tensors, a README and a cover, and the plugin's own
 * {@code card.json} and {@code weights.npz} as attachments. The main form takes one channel
 * (luma or grey); {@code rgb} builds the colour conversion and chroma upsampling in.
 * <pre>{@code
 * try (EspcnModel model = BundledModels.shipped().load("x3")) {
 *     PackageExport.write(model, false, Path.of("espcn-x3.zip"), false);
 * }
 * }</pre>
 */
public final class PackageExport {

	private PackageExport() {}

	/**
	 * Writes the package to {@code target} (a {@code .zip}), complete or not at all.
	 *
	 * @throws java.nio.file.FileAlreadyExistsException if it exists and {@code overwrite} is not
	 *           set
	 * @throws IllegalArgumentException for a model of several channels
	 */
	public static void write(EspcnModel model, boolean rgb, Path target, boolean overwrite)
		throws IOException
	{
		Map<String, byte[]> files = files(model, rgb, Instant.now());
		PendingFile out = PendingFile.create(target, overwrite);
		try {
			try (OutputStream o = Files.newOutputStream(out.temporary());
				ZipOutputStream zip = new ZipOutputStream(o))
			{
				for (Map.Entry<String, byte[]> e : files.entrySet()) {
					zip.putNextEntry(new ZipEntry(e.getKey()));
					zip.write(e.getValue());
					zip.closeEntry();
				}
			}
			out.commit();
		}
		finally {
			out.discard();
		}
	}

	/** The package's files by name, {@code rdf.yaml} first. */
	public static Map<String, byte[]> files(EspcnModel model, boolean rgb, Instant now)
		throws IOException
	{
		EspcnSpec spec = model.spec();
		if (spec.channels() != 1)
			throw new IllegalArgumentException("Only one-channel models can be exported; this one takes " +
				spec.channels());
		ModelCard card = model.card();
		Map<String, Tensor> weights = model.weights();
		SampleTensors sample = new SampleTensors(model);
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put(FileNames.TORCHSCRIPT, rgb ? EspcnTorchScript.rgb(spec, weights)
			: EspcnTorchScript.luma(spec, weights));
		files.put(FileNames.STATE_DICT, TorchArchive.stateDict("weights", stateDict(spec,
			weights, rgb)));
		files.put(FileNames.ARCHITECTURE, architectureSource());
		files.put(FileNames.TEST_INPUT, Npy.write(rgb ? sample.rgbInput() : sample.lumaInput()));
		files.put(FileNames.TEST_OUTPUT, Npy.write(rgb ? sample.rgbOutput() : sample
			.lumaOutput()));
		files.put(FileNames.COVER, sample.coverPng());
		files.put(FileNames.README, PackageReadme.text(card, rgb));
		files.put(FileNames.CARD, CardJson.toJson(card).getBytes(StandardCharsets.UTF_8));
		Map<String, Tensor> ordered = new LinkedHashMap<>();
		for (String key : spec.parameterKeys())
			ordered.put(key, weights.get(key));
		files.put(FileNames.WEIGHTS, Npz.toBytes(ordered));
		Map<String, byte[]> all = new LinkedHashMap<>();
		all.put(RdfYaml.FILE, new RdfDescription(card, rgb, files).toYaml(now));
		all.putAll(files);
		return all;
	}

	/** The state_dict under the reference code's names, plus the RGB module's buffers. */
	private static Map<String, NdArray> stateDict(EspcnSpec spec, Map<String, Tensor> weights,
		boolean rgb)
	{
		Map<String, NdArray> out = new LinkedHashMap<>();
		for (String key : spec.parameterKeys()) {
			Tensor t = weights.get(key);
			out.put(key, new NdArray(t.shape(), t.data().clone()));
		}
		if (rgb) out.putAll(EspcnTorchScript.rgbBuffers(spec.scale()));
		return out;
	}

	private static byte[] architectureSource() throws IOException {
		try (InputStream in = PackageExport.class.getResourceAsStream(FileNames.ARCHITECTURE)) {
			if (in == null) throw new IOException(FileNames.ARCHITECTURE +
				" is missing from the plugin jar; rebuild or reinstall it");
			return in.readAllBytes();
		}
	}
}
