package io.github.espcnfiji.model;

import io.github.espcnfiji.core.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * Checks that a set of weights is exactly what an architecture needs: the same parameter names
 * (none missing, none extra), the same shapes, and only finite values.
 */
public final class ModelCheck {

	private ModelCheck() {}

	/**
	 * Fails with a message naming {@code source} and the first offending parameter unless
	 * {@code weights} fit {@code spec}.
	 */
	public static void checkWeights(EspcnSpec spec, Map<String, Tensor> weights, String source)
		throws InvalidModelException
	{
		for (String key : spec.parameterKeys()) {
			Tensor t = weights.get(key);
			if (t == null)
				throw new InvalidModelException(source + " lacks parameter '" + key + "' that " + spec +
					" needs");
			long[] expected = spec.shapeOf(key);
			if (!t.hasShape(expected))
				throw new InvalidModelException(source + ": parameter '" + key + "' has shape " + Arrays
					.toString(t.shape()) + " but " + spec + " needs " + Arrays.toString(expected) +
					scaleHint(spec, key, t));
		}
		for (String key : weights.keySet())
			if (!spec.parameterKeys().contains(key))
				throw new InvalidModelException(source + " holds parameter '" + key + "', which " +
					spec + " does not have; the weights belong to a different network");
		for (String key : spec.parameterKeys()) {
			float[] v = weights.get(key).data();
			for (int i = 0; i < v.length; i++)
				if (!Float.isFinite(v[i]))
					throw new InvalidModelException(source + ": parameter '" + key + "' holds " + v[i] +
						" (value " + i + " of " + v.length +
						"); the model is broken, perhaps its training diverged");
		}
	}

	/** " (these weights are for x3)" when a last layer's size fits another scale. */
	private static String scaleHint(EspcnSpec spec, String key, Tensor t) {
		if (!key.startsWith(spec.layerKey(spec.layers() - 1)) || t.shape().length < 1) return "";
		long outputs = t.shape()[0];
		for (int r = 2; r <= 4; r++)
			if (r != spec.scale() && outputs == (long) spec.channels() * r * r)
				return " (these weights are for x" + r + ", the card says x" + spec.scale() + ")";
		return "";
	}
}
