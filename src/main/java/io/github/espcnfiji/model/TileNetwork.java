package io.github.espcnfiji.model;

import ai.djl.pytorch.engine.PtNDArray;

/**
 * The network's convolutions and activations on one tile, without the pixel shuffle: a
 * (1, 1, H, W) float32 input in [0, 1] with channels-last strides in, a (1, r², H, W) float32
 * output out (in any layout), allocated in the input's manager. Safe to call from several
 * threads at once.
 */
interface TileNetwork {

	PtNDArray forward(PtNDArray input);

	/**
	 * Whether {@link #forward}'s output has channels-last strides; if not, it is contiguous
	 * (1, r², H, W).
	 */
	default boolean channelsLastOutput() {
		return true;
	}
}
