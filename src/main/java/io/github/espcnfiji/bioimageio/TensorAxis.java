package io.github.espcnfiji.bioimageio;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One axis of a package's tensor as {@code rdf.yaml} 0.5 declares it: its type and id, and how
 * long it may be: fixed, {@code min + n * step}, or a reference to another tensor's axis
 * ({@code reference length * reference scale / this scale + offset}, rounded down).
 */
public final class TensorAxis {

	/** How the length is given. */
	public enum SizeKind { ANY, FIXED, PARAMETERIZED, REFERENCE }

	public final String type;
	public final String id;
	public final double scale;
	public final long halo;
	public final SizeKind kind;
	/** FIXED: the length; PARAMETERIZED: the minimum. */
	public final long size;
	public final long step;
	public final String referenceTensor, referenceAxis;
	public final long offset;
	/** Channel axes: the channels' names. */
	public final List<String> channelNames;

	private TensorAxis(String type, String id, double scale, long halo, SizeKind kind, long size,
		long step, String referenceTensor, String referenceAxis, long offset,
		List<String> channelNames)
	{
		this.type = type;
		this.id = id;
		this.scale = scale;
		this.halo = halo;
		this.kind = kind;
		this.size = size;
		this.step = step;
		this.referenceTensor = referenceTensor;
		this.referenceAxis = referenceAxis;
		this.offset = offset;
		this.channelNames = channelNames;
	}

	/** Reads an axis of format 0.5. */
	static TensorAxis parse(RdfNode axis) throws InvalidPackageException {
		if (!axis.isMap()) throw axis.error("is not an axis (a mapping with a 'type')");
		String type = axis.get("type").text();
		String id = axis.get("id").optionalText().orElse(defaultId(type));
		double scale = axis.get("scale").number(1.0);
		long halo = axis.get("halo").exists() ? axis.get("halo").integer() : 0;
		RdfNode size = axis.get("size");
		switch (type) {
			case "batch":
				return new TensorAxis(type, id, 1, 0, size.exists() ? SizeKind.FIXED : SizeKind.ANY,
					size.exists() ? size.integer() : 0, 0, null, null, 0, List.of());
			case "channel": {
				List<String> names = new java.util.ArrayList<>();
				for (RdfNode n : axis.get("channel_names").items())
					names.add(n.text());
				if (names.isEmpty()) throw axis.error("declares no channel_names");
				return new TensorAxis(type, id, 1, 0, SizeKind.FIXED, names.size(), 0, null, null, 0, List
					.copyOf(names));
			}
			case "space": case "time": case "index":
				if (!size.exists()) throw size.error("is missing");
				if (size.isNumber()) return new TensorAxis(type, id, scale, halo, SizeKind.FIXED, size
					.integer(), 0, null, null, 0, List.of());
				if (size.get("min").exists()) return new TensorAxis(type, id, scale, halo,
					SizeKind.PARAMETERIZED, size.get("min").integer(), size.get("step").integer(), null,
					null, 0, List.of());
				if (size.get("tensor_id").exists()) return new TensorAxis(type, id, scale, halo,
					SizeKind.REFERENCE, 0, 0, size.get("tensor_id").text(), size.get("axis_id").text(), size
						.get("offset").exists() ? size.get("offset").integer() : 0, List.of());
				if (size.isMap() && size.get("min").exists() == false && type.equals("index"))
					return new TensorAxis(type, id, scale, halo, SizeKind.ANY, 0, 0, null, null, 0, List.of());
				throw size.error("is neither a length, a {min, step} nor a {tensor_id, axis_id} reference");
			default:
				throw axis.get("type").error("is an unknown axis type '" + type + "'");
		}
	}

	private static String defaultId(String type) {
		return type.equals("space") ? "x" : type;
	}

	/**
	 * The length this axis must have, given the test tensors' shapes already known (by tensor
	 * id, then axis id); empty when any length of its series fits.
	 *
	 * @throws InvalidPackageException when a reference names an unknown tensor or axis
	 */
	OptionalLong expected(Map<String, Map<String, Measured>> known, RdfNode where)
		throws InvalidPackageException
	{
		switch (kind) {
			case FIXED:
				return OptionalLong.of(size);
			case REFERENCE: {
				Map<String, Measured> t = known.get(referenceTensor);
				Measured ref = t == null ? null : t.get(referenceAxis);
				if (ref == null) throw where.error("refers to axis '" + referenceAxis + "' of tensor '" +
					referenceTensor + "', which no input declares");
				return OptionalLong.of(lengthFor(ref.length, ref.scale));
			}
			default:
				return OptionalLong.empty();
		}
	}

	/** A reference axis's length for a referenced length and scale (0.5 rule). */
	public long lengthFor(long referenceLength, double referenceScale) {
		return (long) Math.floor(referenceLength * referenceScale / scale + 1e-9) + offset;
	}

	/** An axis's length in a given tensor, with its scale. */
	static final class Measured {

		final long length;
		final double scale;

		Measured(long length, double scale) {
			this.length = length;
			this.scale = scale;
		}
	}

	/** Whether {@code length} is one of this axis's series (min + n * step). */
	boolean fitsSeries(long length) {
		if (kind != SizeKind.PARAMETERIZED) return true;
		if (length < size) return false;
		return step == 0 ? length == size : (length - size) % step == 0;
	}

	@Override
	public String toString() {
		return id;
	}
}
