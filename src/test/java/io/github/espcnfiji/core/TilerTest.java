package io.github.espcnfiji.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.testing.BoxUpscaler;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TilerTest {

	static FloatPlane random(int w, int h, long seed) {
		Random random = new Random(seed);
		FloatPlane p = FloatPlane.zeros(w, h);
		for (int i = 0; i < p.data().length; i++)
			p.data()[i] = random.nextFloat();
		return p;
	}

	/** Tiles of any size, even smaller than the halo, give the whole-image result bit for bit. */
	@ParameterizedTest
	@CsvSource({ "37, 23, 10, 1, 2", "37, 23, 1, 2, 3", "37, 23, 3, 4, 2", "17, 29, 16, 2, 4",
		"64, 64, 32, 3, 3", "5, 7, 2, 3, 2", "1, 9, 4, 1, 2" })
	void tiledEqualsWholeImage(int w, int h, int tile, int radius, int scale) {
		FloatPlane in = random(w, h, w * 31L + h);
		FloatPlane whole = new BoxUpscaler(scale, radius).upscale(in);
		FloatPlane tiled = new Tiler(new BoxUpscaler(scale, radius), tile).upscale(in);
		assertEquals(w * scale, tiled.width());
		assertEquals(h * scale, tiled.height());
		assertArrayEquals(whole.data(), tiled.data());
	}

	@Test
	void anImageThatFitsOneTileGoesThroughInOneCallWithoutCopy() {
		BoxUpscaler box = new BoxUpscaler(2, 4);
		FloatPlane in = random(30, 20, 1);
		FloatPlane out = new Tiler(box, 30).upscale(in);
		assertEquals(1, box.calls);
		assertArrayEquals(new BoxUpscaler(2, 4).upscale(in).data(), out.data());
	}

	@Test
	void tilesAreSpreadEvenlyAndBoundedByTileSizePlusHalo() {
		BoxUpscaler box = new BoxUpscaler(2, 3);
		Tiler tiler = new Tiler(box, 10);
		// 101 = 11 tiles of 9 or 10 pixels; 25 = 3 tiles starting at 0, 8, 16 (8, 8, 9 pixels)
		assertEquals(33, tiler.tileCount(101, 25));
		tiler.upscale(random(101, 25, 2));
		assertEquals(33, box.calls);
		// the largest cut-out: an inner 10-pixel column of the inner 8-pixel row, halo 3 all round
		assertEquals((10 + 2 * 3) * (8 + 2 * 3), box.largestInput);
	}

	@Test
	void reportsEachTileInOrder() {
		List<String> seen = new ArrayList<>();
		new Tiler(new BoxUpscaler(2, 1), 4).upscale(random(10, 5, 3), (done, total) -> seen.add(
			done + "/" + total), () -> false);
		assertEquals(List.of("1/6", "2/6", "3/6", "4/6", "5/6", "6/6"), seen);
	}

	@Test
	void stopsWithCancellationExceptionWhenAsked() {
		BoxUpscaler box = new BoxUpscaler(2, 1);
		int[] asked = { 0 };
		CancellationException e = assertThrows(CancellationException.class, () -> new Tiler(box,
			4).upscale(random(10, 5, 4), (done, total) -> {}, () -> ++asked[0] > 3));
		assertEquals("Super-resolution cancelled after 2 of 6 tiles", e.getMessage());
		assertEquals(2, box.calls);
	}

	@Test
	void cancelledBeforeTheFirstTileDoesNoWork() {
		BoxUpscaler box = new BoxUpscaler(2, 1);
		assertThrows(CancellationException.class, () -> new Tiler(box, 100).upscale(random(10, 5,
			4), (done, total) -> {}, () -> true));
		assertEquals(0, box.calls);
	}

	@Test
	void rejectsTileSizesBelowOne() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tiler(
			new BoxUpscaler(2, 1), 0));
		assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
	}
}
