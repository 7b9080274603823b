package io.github.espcnfiji.spark;

import io.github.espcnfiji.files.Inputs;
import io.github.espcnfiji.files.PendingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The CSV record of a job: one line per input (input, output, status, bytes written, seconds,
 * executor, attempt, message), in the order the inputs were listed, and the one-line summary.
 * <pre>
 * input,output,status,bytes,seconds,executor,attempt,message
 * /data/in/a.png,/data/out/a.png,written,81234,0.412,1@node3,0,
 * /data/in/b.png,/data/out/b.png,failed,0,0.010,2@node5,0,b.png: not an image ImageJ reads
 * </pre>
 */
final class Manifest {

	static final String HEADER = "input,output,status,bytes,seconds,executor,attempt,message";

	private final List<ManifestRow> rows;

	Manifest(List<ManifestRow> rows) {
		this.rows = rows;
	}

	List<ManifestRow> rows() {
		return rows;
	}

	long count(ManifestRow.Status status) {
		return rows.stream().filter(r -> r.status == status).count();
	}

	/** The CSV text. */
	String csv() {
		StringBuilder b = new StringBuilder(HEADER).append('\n');
		for (ManifestRow r : rows)
			b.append(field(r.input)).append(',').append(field(r.output)).append(',').append(r.status
				.name().toLowerCase(Locale.ROOT)).append(',').append(r.bytes).append(',').append(String
					.format(Locale.ROOT, "%.3f", r.seconds)).append(',').append(field(r.executor)).append(
						',').append(r.attempt).append(',').append(field(r.message)).append('\n');
		return b.toString();
	}

	/**
	 * Refuses a manifest that is the input or lies in it (an input image, a file of the input
	 * folder or Zarr image): writing it would change the input.
	 *
	 * @throws IllegalArgumentException naming both
	 */
	static void refuseInInput(Path manifest, Path input) throws IOException {
		Path m = manifest.toAbsolutePath().normalize(), in = input.toAbsolutePath().normalize();
		if (Inputs.same(m, in) || m.startsWith(in)) throw new IllegalArgumentException(
			"--manifest " + manifest + " lies in the input " + input + "; choose a file outside it " +
				"(inputs are never changed)");
	}

	/** Writes the CSV complete or not at all, replacing the previous run's. */
	void write(Path file) throws IOException {
		byte[] bytes = csv().getBytes(StandardCharsets.UTF_8);
		PendingFile.write(file, true, out -> out.write(bytes));
	}

	/**
	 * {@code done 12 of 12 images: 10 written, 2 complete already, 0 failed, 4.2 s (2.38
	 * images/s)}.
	 */
	String summary(String what, double seconds) {
		long written = count(ManifestRow.Status.WRITTEN);
		long failed = count(ManifestRow.Status.FAILED);
		long skipped = count(ManifestRow.Status.SKIPPED);
		return String.format(Locale.ROOT, "done %d of %d %s: %d written, %d complete already, %d " +
			"failed, %.1f s (%.2f %s/s)", written + skipped, rows.size(), what, written, skipped,
			failed, seconds, seconds > 0 ? written / seconds : 0, what);
	}

	/** A CSV field, quoted when it holds a comma, a quote or a line break. */
	static String field(String s) {
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0)
			return s;
		return '"' + s.replace("\"", "\"\"") + '"';
	}
}
