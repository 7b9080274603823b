package io.github.espcnfiji.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training logs are read by column name, old and new headers alike. */
class TrainingLogTest {

	@TempDir
	Path dir;

	@Test
	void readsColumnsByName() throws IOException {
		Path f = Files.writeString(dir.resolve("log.csv"),
			"epoch,loss,validation_psnr,best_psnr,learning_rate,seconds,skipped_steps,retried_steps\n" +
				"1,0.02,25.0,25.0,1.000e-03,20.5,0,2\n2,0.01,26.5,26.5,1.000e-04,10.0,0,0\n");
		TrainingLog log = TrainingLog.read(f);
		assertEquals(2, log.epochs());
		assertArrayEquals(new double[] { 1, 2 }, log.epoch());
		assertArrayEquals(new double[] { 0.02, 0.01 }, log.loss());
		assertArrayEquals(new double[] { 25.0, 26.5 }, log.validationPsnr());
		assertArrayEquals(new double[] { 1e-3, 1e-4 }, log.learningRate());
		assertEquals(30.5, log.totalSeconds(), 1e-12);
	}

	@Test
	void worksOutWhatAnOlderLogLacks() throws IOException {
		Path f = Files.writeString(dir.resolve("log.csv"),
			"validation_psnr,epoch,loss\n25.0,1,0.02\n24.0,2,0.015\n26.0,3,0.01\n");
		TrainingLog log = TrainingLog.read(f);
		assertArrayEquals(new double[] { 25.0, 25.0, 26.0 }, log.bestPsnr());
		assertTrue(Double.isNaN(log.learningRate()[0]));
		assertTrue(Double.isNaN(log.totalSeconds()));
	}

	@Test
	void rejectsFilesThatAreNotLogs() throws IOException {
		Path f = Files.writeString(dir.resolve("e.csv"), EvaluationCsv.HEADER + "\n");
		IOException e = assertThrows(IOException.class, () -> TrainingLog.read(f));
		assertTrue(e.getMessage().contains("has no 'epoch' column"), e.getMessage());
		Path empty = Files.writeString(dir.resolve("l.csv"), "epoch,loss,validation_psnr\n");
		assertTrue(assertThrows(IOException.class, () -> TrainingLog.read(empty)).getMessage()
			.contains("has no epoch yet"));
		Path bad = Files.writeString(dir.resolve("b.csv"), "epoch,loss,validation_psnr\n1,x,2\n");
		assertTrue(assertThrows(IOException.class, () -> TrainingLog.read(bad)).getMessage()
			.contains("'x' is not a number"));
	}
}
