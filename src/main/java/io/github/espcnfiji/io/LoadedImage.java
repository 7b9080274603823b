package io.github.espcnfiji.io;

import io.github.espcnfiji.core.FloatPlane;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An image read from a file as float planes on its native value scale (0-255 for 8-bit and RGB,
 * 0-65535 for 16-bit, as stored for 32-bit). A slice is one plane for grey images and three
 * (R, G, B) for RGB.
 */
public final class LoadedImage {

	private final String title;
	private final int bitDepth;
	private final List<FloatPlane[]> slices;

	/**
	 * @param bitDepth 8, 16 or 32 for grey, 24 for RGB
	 * @param slices per slice 1 plane (grey) or 3 planes (RGB), all of one size
	 */
	public LoadedImage(String title, int bitDepth, List<FloatPlane[]> slices) {
		if (bitDepth != 8 && bitDepth != 16 && bitDepth != 24 && bitDepth != 32)
			throw new IllegalArgumentException("Bit depth must be 8, 16, 24 (RGB) or 32, got " +
				bitDepth);
		if (slices.isEmpty()) throw new IllegalArgumentException("Image '" + title +
			"' has no slices");
		int channels = bitDepth == 24 ? 3 : 1;
		List<FloatPlane[]> copy = new ArrayList<>();
		FloatPlane first = slices.get(0)[0];
		for (FloatPlane[] s : slices) {
			if (s.length != channels) throw new IllegalArgumentException("A " + bitDepth +
				"-bit slice needs " + channels + " planes, got " + s.length);
			for (FloatPlane p : s)
				if (p.width() != first.width() || p.height() != first.height())
					throw new IllegalArgumentException("Planes of '" + title + "' differ in size");
			copy.add(s.clone());
		}
		this.title = title;
		this.bitDepth = bitDepth;
		this.slices = Collections.unmodifiableList(copy);
	}

	public String title() {
		return title;
	}

	/** 8, 16 or 32 for grey, 24 for RGB. */
	public int bitDepth() {
		return bitDepth;
	}

	public boolean isRgb() {
		return bitDepth == 24;
	}

	/** Planes per slice: 3 for RGB, 1 otherwise. */
	public int channels() {
		return isRgb() ? 3 : 1;
	}

	public int slices() {
		return slices.size();
	}

	public int width() {
		return slices.get(0)[0].width();
	}

	public int height() {
		return slices.get(0)[0].height();
	}

	/** The planes of slice {@code index} (0-based): {grey} or {R, G, B}; the planes are shared. */
	public FloatPlane[] slice(int index) {
		if (index < 0 || index >= slices.size())
			throw new IndexOutOfBoundsException("Slice " + index + " of " + slices.size());
		return slices.get(index).clone();
	}

	/** The planes of the first (often only) slice. */
	public FloatPlane[] planes() {
		return slice(0);
	}

	@Override
	public String toString() {
		return title + " (" + width() + "x" + height() + ", " + (isRgb() ? "RGB" : bitDepth +
			"-bit") + (slices() > 1 ? ", " + slices() + " slices" : "") + ")";
	}
}
