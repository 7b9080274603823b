package io.github.espcnfiji.video;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream header of a YUV4MPEG2 file: {@code YUV4MPEG2 W176 H144 F15:1 Ip A128:117 C420jpeg},
 * ended by a newline. W and H are required; F defaults to 25:1, C to {@code 420jpeg}. Interlaced
 * video ({@code It}, {@code Ib}, {@code Im}) is refused: its fields would be mixed by spatial
 * super-resolution. Unknown tags ({@code X...}) are kept and written back.
 */
final class Y4mHeader {

	static final String MAGIC = "YUV4MPEG2";
	/** The longest header line read before the file is judged not to be a y4m video. */
	static final int MAX_LINE = 4096;

	final VideoInfo info;
	final List<String> extra;

	private Y4mHeader(VideoInfo info, List<String> extra) {
		this.info = info;
		this.extra = extra;
	}

	/**
	 * A header for a new file of frames as {@code info} says (in YUV layout {@link Chroma#DEFAULT}
	 * when the info has none).
	 */
	static Y4mHeader of(VideoInfo info, List<String> extra) {
		return new Y4mHeader(info, List.copyOf(extra));
	}

	/**
	 * Parses the header line (without its newline).
	 *
	 * @param frames the number of frames, counted separately
	 * @throws IllegalArgumentException with what is wrong, for the caller to prefix with the file
	 */
	static Y4mHeader parse(String line, long frames) {
		String[] tokens = line.split(" ");
		if (!tokens[0].equals(MAGIC)) throw new IllegalArgumentException("it is not a YUV4MPEG2 " +
			"video (it does not start with '" + MAGIC + " ')");
		int w = -1, h = -1, num = 25, den = 1;
		Chroma chroma = Chroma.DEFAULT;
		String aspect = null;
		List<String> extra = new ArrayList<>();
		for (int i = 1; i < tokens.length; i++) {
			String t = tokens[i];
			if (t.isEmpty()) continue;
			String v = t.substring(1);
			switch (t.charAt(0)) {
				case 'W':
					w = dimension(v, "width (W)");
					break;
				case 'H':
					h = dimension(v, "height (H)");
					break;
				case 'F': {
					int[] r = ratio(v, "frame rate (F)");
					if (r[0] < 1 || r[1] < 1) throw new IllegalArgumentException("the frame rate F" + v +
						" is not positive");
					num = r[0];
					den = r[1];
					break;
				}
				case 'I':
					if (!v.equals("p") && !v.equals("?")) throw new IllegalArgumentException(
						"it is interlaced (I" + v + "), which is not supported; deinterlace it first " +
							"(e.g. ffmpeg -vf yadif)");
					break;
				case 'A':
					ratio(v, "pixel aspect (A)");
					aspect = v.equals("0:0") ? null : v;
					break;
				case 'C':
					chroma = Chroma.parse(v);
					break;
				default:
					extra.add(t);
			}
		}
		if (w < 0) throw new IllegalArgumentException("its header has no width (W)");
		if (h < 0) throw new IllegalArgumentException("its header has no height (H)");
		if (chroma.pictureBytes(w, h) > Integer.MAX_VALUE - 64) throw new IllegalArgumentException(
			"its frames of " + w + "x" + h + " are too large");
		return new Y4mHeader(new VideoInfo(w, h, frames, num, den, chroma, aspect), extra);
	}

	/** The YUV layout (the default when the info has none). */
	Chroma chroma() {
		return info.chroma() == null ? Chroma.DEFAULT : info.chroma();
	}

	/** Bytes of one frame's planes. */
	int frameBytes() {
		return (int) chroma().pictureBytes(info.width(), info.height());
	}

	/** The header line with its newline. */
	byte[] bytes() {
		StringBuilder sb = new StringBuilder(MAGIC);
		sb.append(" W").append(info.width()).append(" H").append(info.height());
		sb.append(" F").append(info.rateNumerator()).append(':').append(info.rateDenominator());
		sb.append(" Ip");
		if (info.aspect() != null) sb.append(" A").append(info.aspect());
		sb.append(" C").append(chroma().tag());
		for (String x : extra)
			sb.append(' ').append(x);
		return sb.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static int dimension(String v, String what) {
		try {
			int n = Integer.parseInt(v);
			if (n >= 1) return n;
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException("its frame " + what + " is '" + v +
			"', not a positive whole number");
	}

	private static int[] ratio(String v, String what) {
		String[] p = v.split(":");
		try {
			if (p.length == 2) return new int[] { Integer.parseInt(p[0]), Integer.parseInt(p[1]) };
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException("its " + what + " is '" + v + "', not N:D");
	}
}
