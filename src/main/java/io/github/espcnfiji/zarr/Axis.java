package io.github.espcnfiji.zarr;

import java.util.Objects;

/** One axis of an OME-NGFF image: its name ({@code t, c, z, y, x}), type and unit (may be null). */
public final class Axis {

	private final String name;
	private final String type;
	private final String unit;

	public Axis(String name, String type, String unit) {
		this.name = Objects.requireNonNull(name);
		this.type = type;
		this.unit = unit;
	}

	/** The axis named {@code t}, {@code c}, {@code z}, {@code y} or {@code x}, typed as NGFF says. */
	public static Axis named(String name, String unit) {
		return new Axis(name, name.equals("t") ? "time" : name.equals("c") ? "channel" : "space",
			unit);
	}

	public String name() {
		return name;
	}

	/** {@code space}, {@code time}, {@code channel}, or null. */
	public String type() {
		return type;
	}

	/** The unit, or null. */
	public String unit() {
		return unit;
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Axis)) return false;
		Axis a = (Axis) o;
		return name.equals(a.name) && Objects.equals(type, a.type) && Objects.equals(unit, a.unit);
	}

	@Override
	public int hashCode() {
		return Objects.hash(name, type, unit);
	}

	@Override
	public String toString() {
		return name + (unit == null ? "" : " (" + unit + ")");
	}
}
