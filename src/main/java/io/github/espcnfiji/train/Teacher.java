package io.github.espcnfiji.train;

import io.github.espcnfiji.core.FloatPlane;
import io.github.espcnfiji.core.Tensor;
import io.github.espcnfiji.core.Tiler;
import io.github.espcnfiji.files.Sha256;
import io.github.espcnfiji.model.InferenceMode;
import io.github.espcnfiji.model.EspcnModel;
import io.github.espcnfiji.model.EspcnSpec;
import io.github.espcnfiji.model.ModelCard;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained network whose outputs a student learns from (knowledge distillation): each training
 * target is {@code share} times the teacher's output plus {@code 1 - share} times the
 * high-resolution image, clamped to [0, 1]. With the L2 loss (and no clamping) this is the same
 * as minimising {@code share} times the distance to the teacher plus {@code 1 - share} times the
 * distance to the ground truth (the two differ by a constant). The teacher runs once on each
 * whole low-resolution training image, as it runs at inference (so a patch's target is not
 * spoiled by the zero padding of a patch's edges: a deep teacher sees further than a patch),
 * and the targets are cut from its output where the high-resolution patches would be; validation
 * still measures the student against the ground truth.
 * <p>
 * A teacher is named in the run's fingerprint by a digest of its architecture and weights
 * ({@link #digest}), so a run resumes only with the very teacher it started with.
 */
public final class Teacher {

	private final EspcnSpec spec;
	private final Map<String, Tensor> weights;
	private final String description;
	private final double share;
	private final String digest;

	/**
	 * @param description how the card names it (e.g. {@code models/espcn-deep-x3})
	 * @param share the teacher's part of each target, in (0, 1]
	 */
	public Teacher(EspcnSpec spec, Map<String, Tensor> weights, String description, double share) {
		if (!(share > 0 && share <= 1)) throw new IllegalArgumentException(
			"The teacher's share of the target must be in (0, 1], got " + share);
		if (spec.channels() != 1) throw new IllegalArgumentException(
			"A teacher must be a one-channel (Y) model, as the student is; " + description + " has " +
				spec.channels() + " channels");
		this.spec = spec;
		this.weights = Map.copyOf(weights);
		this.description = description;
		this.share = share;
		this.digest = digest(spec, weights);
	}

	public EspcnSpec spec() {
		return spec;
	}

	public Map<String, Tensor> weights() {
		return weights;
	}

	public double share() {
		return share;
	}

	/**
	 * The teacher's identity: the first 16 hex digits of a SHA-256 over its architecture, its
	 * parameters' names and their float32 values (little-endian), so the same network read from a
	 * folder, a .zip or a bundled name has the same digest (not the SHA-256 of a file).
	 */
	public String digest() {
		return digest;
	}

	/** How a card and the fingerprint name the teacher. */
	public String describe() {
		return description + " (" + spec + ", weights digest " + digest + ")";
	}

	/** What a resumed run must match: the teacher's identity and its exact share. */
	String fingerprint() {
		return " teacher " + digest + " share " + share;
	}

	/** Opens the teacher's network to make targets; close it when the targets are made. */
	Targets targets() {
		return new Targets(EspcnModel.create(ModelCard.forSpec(spec), weights), (float) share);
	}

	/** The teacher's network at work: the training target of each pair. */
	static final class Targets implements AutoCloseable {

		static final int TILE = 256;

		private final EspcnModel model;
		private final Tiler tiler;
		private final float share;

		private Targets(EspcnModel model, float share) {
			this.model = model;
			this.tiler = new Tiler(model.upscaler(InferenceMode.PLAIN), TILE);
			this.share = share;
		}

		/**
		 * The target of a pair: the blend of the teacher's output on its whole low-resolution
		 * image and its high-resolution image, clamped to [0, 1]. The teacher runs the plain
		 * forward pass (that of training and validation, on this thread), in tiles of at most
		 * {@value #TILE} pixels a side with its receptive field around each, so that a large
		 * training image needs no more memory than a tile.
		 */
		FloatPlane of(TrainingPair pair) {
			float[] taught = tiler.upscale(pair.lowRes()).data(), hr = pair.highRes().data();
			float[] out = new float[hr.length];
			for (int i = 0; i < out.length; i++)
				out[i] = Math.min(1f, Math.max(0f, share * taught[i] + (1 - share) * hr[i]));
			return new FloatPlane(out, pair.highRes().width(), pair.highRes().height());
		}

		@Override
		public void close() {
			model.close();
		}
	}

	/** Throws when the teacher cannot teach a student of this scale. */
	void checkFits(int scale) {
		if (spec.scale() != scale) throw new IllegalArgumentException("The teacher " + description +
			" is a x" + spec.scale() + " model; the student is x" + scale);
	}

	private static String digest(EspcnSpec spec, Map<String, Tensor> weights) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(spec.toString().getBytes(StandardCharsets.UTF_8));
		for (Map.Entry<String, Tensor> e : new TreeMap<>(weights).entrySet()) {
			bytes.writeBytes(e.getKey().getBytes(StandardCharsets.UTF_8));
			float[] data = e.getValue().data();
			ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
			b.asFloatBuffer().put(data);
			bytes.writeBytes(b.array());
		}
		return Sha256.of(bytes.toByteArray()).substring(0, 16);
	}
}
