package io.github.espcnfiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.PlaneUpscaler;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.core.Tile;
import io.github.espcnfiji.core.Tiler;

import java.nio.FloatBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A ready-to-run ESPCN network: its {@link ModelCard}, its parameters in native memory, and a
 * forward pass on whole planes. Close it to free the native memory (not while it is working);
 * each call allocates its arrays in a sub-manager, so native memory stays flat over many calls.
 * <p>
 * It runs the network the {@link InferenceMode#FP32} way: in tiles of
 * {@link #preferredTileSize()} pixels, several at a time on the {@link InferenceThreads}, each
 * through oneDNN convolutions with the activation fused in (falling back to
 * {@link InferenceMode#FP32_OPS} where PyTorch lacks them). {@link #upscaler(InferenceMode)}
 * gives the other ways, among them the opt-in, reduced-precision {@link InferenceMode#BF16}.
 * Both planes and tiles may be given from several threads at once.
 * <pre>{@code
 * try (EspcnModel model = ModelFiles.load(path)) {
 *     FloatPlane sr = model.upscale(lowResY01);
 *     FloatPlane fast = model.upscaler(InferenceMode.BF16).upscale(lowResY01);
 * }
 * }</pre>
 */
public final class EspcnModel implements PlaneUpscaler, AutoCloseable {

	private final ModelCard card;
	private final NDManager manager;
	private final EspcnBlock block;
	/** A bioimage.io package's network instead of the block (which is then null). */
	private final PlaneUpscaler network;
	private final Map<InferenceMode, PlaneUpscaler> upscalers = new EnumMap<>(
		InferenceMode.class);

	private EspcnModel(ModelCard card, NDManager manager, EspcnBlock block) {
		this.card = card;
		this.manager = manager;
		this.block = block;
		this.network = null;
	}

	private EspcnModel(ModelCard card, NDManager manager, PlaneUpscaler network) {
		this.card = card;
		this.manager = manager;
		this.block = null;
		this.network = network;
	}

	/**
	 * A model that runs another network than ESPCN (a bioimage.io package's TorchScript), living
	 * in {@code manager}: it upscales, in FP32, but has no {@link #spec()} or {@link #weights()},
	 * so it cannot be trained, saved or exported.
	 */
	static EspcnModel ofNetwork(ModelCard card, NDManager manager, PlaneUpscaler network) {
		return new EspcnModel(card, manager, network);
	}

	/** A model with the given card (whose spec it follows) and parameters. */
	public static EspcnModel create(ModelCard card, Map<String, Tensor> weights) {
		return DjlRuntime.call(() -> {
			NDManager manager = NDManager.newBaseManager();
			try {
				EspcnBlock block = new EspcnBlock(card.spec());
				block.allocate(manager, weights);
				return new EspcnModel(card, manager, block);
			}
			catch (RuntimeException e) {
				manager.close();
				throw e;
			}
		});
	}

	public ModelCard card() {
		return card;
	}

	public EspcnSpec spec() {
		checkEspcn();
		return block.spec();
	}

	/** A copy of the current parameters by reference-code name. */
	public Map<String, Tensor> weights() {
		checkEspcn();
		return DjlRuntime.call(block::getWeights);
	}

	@Override
	public int scale() {
		return network != null ? network.scale() : block.spec().scale();
	}

	@Override
	public int halo() {
		return network != null ? network.halo() : block.spec().receptiveRadius();
	}

	/**
	 * One plane (one channel of the spec) through the network: w x h in [0, 1] in, (w*scale) x
	 * (h*scale) out, the {@link InferenceMode#FP32} way (within 1e-5 of {@link #upscalePlain}).
	 */
	@Override
	public FloatPlane upscale(FloatPlane lowRes) {
		checkOneChannel();
		return new Tiler(fast(), preferredTileSize()).upscale(lowRes);
	}

	/**
	 * One plane through the training block's forward pass, in one piece on this thread: the
	 * straightforward path that the fast ones are tested against ({@link InferenceMode#PLAIN}).
	 */
	public FloatPlane upscalePlain(FloatPlane lowRes) {
		if (network != null) return network.upscale(lowRes);
		checkOneChannel();
		int r = scale();
		float[] out = DjlRuntime.call(() -> {
			try (NDManager step = manager.newSubManager()) {
				NDArray x = step.create(FloatBuffer.wrap(lowRes.data()), new Shape(1, 1, lowRes
					.height(), lowRes.width()));
				NDList y = block.forward(new ParameterStore(step, false), new NDList(x), false);
				return y.singletonOrThrow().toFloatArray();
			}
		});
		return new FloatPlane(out, lowRes.width() * r, lowRes.height() * r);
	}

	@Override
	public void upscaleTile(FloatPlane lowRes, Tile tile, FloatPlane out) {
		checkOneChannel();
		fast().upscaleTile(lowRes, tile, out);
	}

	@Override
	public Optional<Executor> tileExecutor() {
		return fast().tileExecutor();
	}

	@Override
	public int preferredTileSize() {
		return network != null ? network.preferredTileSize() : FastUpscaler.TILE;
	}

	/**
	 * This network run the given way, as an upscaler for a {@link Tiler} or
	 * {@link io.github.espcnfiji.core.SuperResolver}; it lives as long as this model.
	 *
	 * @throws IllegalStateException for {@link InferenceMode#BF16} where PyTorch cannot run it
	 *           (CPUs without AVX-512, PyTorch built without oneDNN)
	 */
	public PlaneUpscaler upscaler(InferenceMode mode) {
		if (network != null) {
			if (mode != InferenceMode.FP32 && mode != InferenceMode.PLAIN)
				throw new IllegalStateException(card.name + " runs in fp32 only (it is not an ESPCN " +
					"network)");
			return this;
		}
		if (mode == InferenceMode.PLAIN) return new PlainUpscaler();
		if (mode == InferenceMode.FP32) return this;
		checkOneChannel();
		return fastUpscaler(mode);
	}

	/**
	 * Prepares the default path now rather than at the first {@link #upscale}: starts the
	 * inference threads, compiles the script and runs it once on a tiny plane (a few hundred
	 * milliseconds that a caller may spend while it reads its image).
	 *
	 * @return this model
	 */
	public EspcnModel warmUp() {
		if (network == null && spec().channels() == 1) fast();
		return this;
	}

	/** Whether {@link #upscale} runs the fused TorchScript network (not its fallback). */
	boolean runsFused() {
		PlaneUpscaler u = fast();
		return u instanceof FastUpscaler && ((FastUpscaler) u).network() instanceof ScriptedNetwork;
	}

	/** Whether {@link #upscale} runs the fused network with its weights reordered once. */
	boolean runsPrepacked() {
		PlaneUpscaler u = fast();
		return runsFused() && ((ScriptedNetwork) ((FastUpscaler) u).network())
			.layout() == EspcnScript.Layout.PREPACKED;
	}

	private PlaneUpscaler fast() {
		if (network != null) return network;
		return fastUpscaler(InferenceMode.FP32);
	}

	private PlaneUpscaler fastUpscaler(InferenceMode mode) {
		synchronized (upscalers) {
			PlaneUpscaler u = upscalers.get(mode);
			if (u == null) {
				u = DjlRuntime.call(() -> makeFast(mode));
				upscalers.put(mode, u);
			}
			return u;
		}
	}

	private PlaneUpscaler makeFast(InferenceMode mode) {
		Map<String, Tensor> weights = block.getWeights();
		EspcnSpec spec = spec();
		if (mode == InferenceMode.FP32_OPS) return new FastUpscaler(spec, new OpsNetwork(manager,
			spec, weights), manager);
		if (mode == InferenceMode.FP32_BLOCKED) return compiled(new ScriptedNetwork(manager, spec,
			weights, new boolean[spec.layers()], EspcnScript.Layout.BLOCKED));
		boolean bf16 = mode == InferenceMode.BF16;
		// in bfloat16 every layer but the first: with one input channel the first gains no speed
		// from it and would round the 8-bit input (measured on Set5: x2 loses 0.033 dB this way,
		// 0.073 dB with the first layer in bfloat16 too; see docs/PERFORMANCE.md)
		boolean[] layers = new boolean[spec.layers()];
		for (int i = 1; i < layers.length; i++)
			layers[i] = bf16;
		if (mode == InferenceMode.FP32_REORDER) return compiled(new ScriptedNetwork(manager, spec,
			weights, layers, EspcnScript.Layout.CHANNELS_LAST));
		RuntimeException failure = null;
		// weights reordered for oneDNN once; where that cannot be done, in every call
		for (EspcnScript.Layout layout : List.of(EspcnScript.Layout.PREPACKED,
			EspcnScript.Layout.CHANNELS_LAST))
			try {
				return compiled(new ScriptedNetwork(manager, spec, weights, layers, layout));
			}
			catch (RuntimeException e) {
				failure = e;
			}
		if (bf16) throw new IllegalStateException("bfloat16 inference does not run here: " + failure
			.getMessage(), failure);
		return new FastUpscaler(spec, new OpsNetwork(manager, spec, weights), manager);
	}

	/** The fast path around {@code network}, run once on a tiny plane (which compiles it). */
	private FastUpscaler compiled(TileNetwork network) {
		FastUpscaler u = new FastUpscaler(spec(), network, manager);
		u.upscale(FloatPlane.zeros(8, 8)); // fails here if it cannot run
		return u;
	}

	private void checkEspcn() {
		if (network != null) throw new IllegalStateException(card.name + " is a bioimage.io " +
			"package's TorchScript network, not an ESPCN network: it runs, but cannot be trained, " +
			"saved or exported");
	}

	private void checkOneChannel() {
		if (network == null && spec().channels() != 1)
			throw new IllegalStateException("This model takes " + spec().channels() + " channels");
	}

	/** {@link #upscalePlain} as an upscaler. */
	private final class PlainUpscaler implements PlaneUpscaler {

		@Override
		public int scale() {
			return EspcnModel.this.scale();
		}

		@Override
		public int halo() {
			return EspcnModel.this.halo();
		}

		@Override
		public FloatPlane upscale(FloatPlane lowRes) {
			return upscalePlain(lowRes);
		}
	}

	@Override
	public void close() {
		DjlRuntime.run(manager::close);
	}
}
