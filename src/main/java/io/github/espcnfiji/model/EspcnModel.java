package io.github.espcnfiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.PlaneUpscaler;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * A ready-to-run ESPCN network: its {@link ModelCard}, its parameters in native memory, and a
 * forward pass on whole planes. Close it to free the native memory; each call allocates its
 * arrays in a sub-manager, so native memory stays flat over many calls.
 * <pre>{@code
 * try (EspcnModel model = ModelFiles.load(path)) {
 *     FloatPlane sr = model.upscale(lowResY01);
 * }
 * }</pre>
 */
public final class EspcnModel implements PlaneUpscaler, AutoCloseable {

	private final ModelCard card;
	private final NDManager manager;
	private final EspcnBlock block;

	private EspcnModel(ModelCard card, NDManager manager, EspcnBlock block) {
		this.card = card;
		this.manager = manager;
		this.block = block;
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
		return block.spec();
	}

	/** A copy of the current parameters by reference-code name. */
	public Map<String, Tensor> weights() {
		return DjlRuntime.call(block::getWeights);
	}

	@Override
	public int scale() {
		return block.spec().scale();
	}

	@Override
	public int halo() {
		return block.spec().receptiveRadius();
	}

	/** One plane (one channel of the spec) through the network, in a single forward pass. */
	@Override
	public FloatPlane upscale(FloatPlane lowRes) {
		if (spec().channels() != 1)
			throw new IllegalStateException("This model takes " + spec().channels() + " channels");
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
	public void close() {
		DjlRuntime.run(manager::close);
	}
}
