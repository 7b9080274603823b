package io.github.espcnfiji.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

class EvaluationProtocolTest {

	private static final int SCALE = 3;

	/** A smooth colour test image, 50x47: not a multiple of 3, so it gets mod-cropped. */
	private static FloatPlane[] rgb() {
		int w = 50, h = 47;
		FloatPlane r = FloatPlane.zeros(w, h), g = FloatPlane.zeros(w, h), b = FloatPlane.zeros(w,
			h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				r.set(x, y, (float) (128 + 100 * Math.sin(x / 5.0) * Math.cos(y / 7.0)));
				g.set(x, y, (x * 5 + y * 3) % 256);
				b.set(x, y, (float) (30 + 2 * y + ((x / 4) % 2) * 40));
			}
		return new FloatPlane[] { r, g, b };
	}

	private static PlaneUpscaler upscaler(int scale, Function<FloatPlane, FloatPlane> f) {
		return new PlaneUpscaler() {

			@Override
			public int scale() {
				return scale;
			}

			@Override
			public int halo() {
				return 0;
			}

			@Override
			public FloatPlane upscale(FloatPlane lowRes) {
				return f.apply(lowRes);
			}
		};
	}

	@Test
	void lowResIsTheModCroppedImageShrunkAndQuantisedPerChannel() {
		FloatPlane[] lr = EvaluationProtocol.lowRes(rgb(), SCALE);
		assertEquals(3, lr.length);
		for (FloatPlane p : lr) {
			assertEquals(16, p.width());
			assertEquals(15, p.height());
			for (float v : p.data())
				assertTrue(v == Math.rint(v) && v >= 0 && v <= 255, "not 8-bit: " + v);
		}
		FloatPlane expectedRed = Quantize.toUnsignedByteRange(MatlabResize.downscale(rgb()[0]
			.modCrop(SCALE), SCALE));
		assertEquals(expectedRed.get(7, 4), lr[0].get(7, 4), 0);
	}

	@Test
	void lumaIsBt601ForColourAndThePlaneItselfForGrey() {
		FloatPlane[] c = rgb();
		assertEquals(YCbCr.luma(c[0].get(3, 4), c[1].get(3, 4), c[2].get(3, 4)), EvaluationProtocol
			.luma(c).get(3, 4), 1e-4);
		assertSame(c[1], EvaluationProtocol.luma(new FloatPlane[] { c[1] }));
		assertThrows(IllegalArgumentException.class, () -> EvaluationProtocol.luma(
			new FloatPlane[] { c[0], c[1] }));
	}

	@Test
	void withoutAModelOnlyBicubicScoresArePresent() {
		Scores s = EvaluationProtocol.evaluate(rgb(), SCALE);
		assertFalse(s.hasModel());
		assertFalse(s.modelPsnr().isPresent());
		assertFalse(s.modelSsim().isPresent());
		assertTrue(s.bicubicPsnr() > 20 && s.bicubicPsnr() < 60, s.toString());
		assertTrue(s.bicubicSsim() > 0.5 && s.bicubicSsim() <= 1, s.toString());
	}

	@Test
	void theModelSeesLowResLumaOver255AndAPerfectModelScoresInfinityAndOne() {
		FloatPlane[] hr = rgb();
		FloatPlane hrY = EvaluationProtocol.luma(EvaluationProtocol.modCrop(hr, SCALE));
		FloatPlane lrY = EvaluationProtocol.luma(EvaluationProtocol.lowRes(hr, SCALE));
		// An oracle that checks its input and answers with the (quantised) truth, on [0, 1].
		FloatPlane truth = Quantize.toUnsignedByteRange(hrY);
		Scores s = EvaluationProtocol.evaluate(hr, SCALE, upscaler(SCALE, in -> {
			assertEquals(lrY.width(), in.width());
			for (int i = 0; i < in.data().length; i++)
				assertEquals(lrY.data()[i] / 255f, in.data()[i], 1e-6f);
			FloatPlane out = truth.copy();
			for (int i = 0; i < out.data().length; i++)
				out.data()[i] /= 255f;
			return out;
		}));
		assertTrue(s.modelPsnr().getAsDouble() > 50, s.toString());
		assertTrue(s.modelPsnr().getAsDouble() > s.bicubicPsnr());
		assertEquals(1.0, s.modelSsim().getAsDouble(), 1e-3);
	}

	@Test
	void onGreyImagesABicubicModelScoresLikeTheBicubicBaseline() {
		FloatPlane[] grey = { rgb()[0] };
		Scores s = EvaluationProtocol.evaluate(grey, SCALE, upscaler(SCALE, in -> MatlabResize
			.upscale(in, SCALE)));
		assertEquals(s.bicubicPsnr(), s.modelPsnr().getAsDouble(), 1e-3);
		assertEquals(s.bicubicSsim(), s.modelSsim().getAsDouble(), 1e-4);
	}

	@Test
	void modelOutputIsClampedToTheByteRange() {
		FloatPlane lrY = FloatPlane.zeros(4, 4);
		FloatPlane out = EvaluationProtocol.upscaleLuma(lrY, upscaler(2, in -> {
			FloatPlane o = FloatPlane.zeros(8, 8);
			o.data()[0] = 2f;
			o.data()[1] = -1f;
			o.data()[2] = 0.5f / 255f;
			return o;
		}));
		assertEquals(255f, out.data()[0]);
		assertEquals(0f, out.data()[1]);
		assertEquals(1f, out.data()[2]);
	}

	@Test
	void refusesAModelOfAnotherScaleOrAWrongOutputSize() {
		assertThrows(IllegalArgumentException.class, () -> EvaluationProtocol.evaluate(rgb(), 3,
			upscaler(2, in -> in)));
		assertThrows(IllegalStateException.class, () -> EvaluationProtocol.evaluate(rgb(), 3,
			upscaler(3, in -> in)));
	}
}
