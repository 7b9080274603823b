package io.github.espcnfiji.bioimageio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One value of a parsed {@code rdf.yaml} with its path ({@code inputs[0].axes[2].size}), so that
 * a value of the wrong kind is reported as one line naming the file and the field.
 */
public final class RdfNode {

	private final String file;
	private final String path;
	private final Object value;

	RdfNode(String file, String path, Object value) {
		this.file = file;
		this.path = path;
		this.value = value;
	}

	/** The root of a description read from {@code file}. */
	public static RdfNode root(String file, Map<String, Object> rdf) {
		return new RdfNode(file, "", rdf);
	}

	public String path() {
		return path;
	}

	public boolean exists() {
		return value != null;
	}

	public boolean isMap() {
		return value instanceof Map;
	}

	public boolean isList() {
		return value instanceof List;
	}

	public boolean isNumber() {
		return value instanceof Number;
	}

	/** A key of this map (absent when this is not a map or lacks it). */
	public RdfNode get(String key) {
		Object v = value instanceof Map ? ((Map<?, ?>) value).get(key) : null;
		return new RdfNode(file, path.isEmpty() ? key : path + "." + key, v);
	}

	/** The keys of this map in file order; none when it is not a map. */
	public List<String> keys() {
		List<String> out = new ArrayList<>();
		if (value instanceof Map) for (Object k : ((Map<?, ?>) value).keySet())
			out.add(String.valueOf(k));
		return out;
	}

	/** The items of this list; none when it is absent. */
	public List<RdfNode> items() throws InvalidPackageException {
		if (value == null) return List.of();
		if (!(value instanceof List)) throw wrong("a list");
		List<RdfNode> out = new ArrayList<>();
		List<?> l = (List<?>) value;
		for (int i = 0; i < l.size(); i++)
			out.add(new RdfNode(file, path + "[" + i + "]", l.get(i)));
		return out;
	}

	/** This value as text (numbers too); fails when absent or a map or list. */
	public String text() throws InvalidPackageException {
		if (value == null) throw missing();
		if (value instanceof Map || value instanceof List) throw wrong("text");
		return value.toString();
	}

	public Optional<String> optionalText() throws InvalidPackageException {
		return value == null ? Optional.empty() : Optional.of(text());
	}

	public double number() throws InvalidPackageException {
		if (value == null) throw missing();
		if (!(value instanceof Number)) throw wrong("a number");
		return ((Number) value).doubleValue();
	}

	public double number(double orElse) throws InvalidPackageException {
		return value == null ? orElse : number();
	}

	public long integer() throws InvalidPackageException {
		double d = number();
		if (d != Math.rint(d)) throw wrong("a whole number");
		return (long) d;
	}

	/** An error about this field: {@code "<file>: <path> <what>"}. */
	public InvalidPackageException error(String what) {
		return new InvalidPackageException(file + ": " + (path.isEmpty() ? "" : path + " ") + what);
	}

	private InvalidPackageException missing() {
		return error("is missing");
	}

	private InvalidPackageException wrong(String kind) {
		return error("is not " + kind + " (" + value + ")");
	}

	@Override
	public String toString() {
		return path + "=" + value;
	}
}
