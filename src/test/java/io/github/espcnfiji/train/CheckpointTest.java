package io.github.espcnfiji.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.espcnfiji.model.ModelCard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint is one unit: a kill at any moment of its writing leaves the previous whole one,
 * and one whose files do not belong together is refused with one line, never resumed.
 */
class CheckpointTest {

	@TempDir
	Path tmp;

	private final List<TrainingPair> train = EspcnTrainerTest.images(4, 63, 3, 3);
	private final List<TrainingPair> val = EspcnTrainerTest.images(1, 48, 4, 3);
	private Path folder;
	private Path checkpoint;

	/** A 3-epoch run stopped after its first epoch. */
	@BeforeEach
	void firstEpoch() {
		folder = tmp.resolve("run");
		checkpoint = folder.resolve("checkpoint");
		List<Integer> epochs = new ArrayList<>();
		TrainingResult r = new EspcnTrainer(EspcnTrainerTest.smallConfig(3), train, val,
			new TrainingRun(folder, new ModelCard()), listener(epochs, 1)).run(false);
		assertEquals(1, r.epochsDone);
	}

	private static TrainingListener listener(List<Integer> epochs, int stopAfter) {
		return new TrainingListener() {

			@Override
			public void epochDone(EpochReport report) {
				epochs.add(report.epoch);
			}

			@Override
			public boolean cancelled() {
				return stopAfter > 0 && epochs.size() >= stopAfter;
			}
		};
	}

	private TrainingResult resume(List<Integer> epochs) {
		return new EspcnTrainer(EspcnTrainerTest.smallConfig(3), train, val, new TrainingRun(folder,
			new ModelCard()), listener(epochs, 0)).run(true);
	}

	private List<String> checkpointFiles() throws IOException {
		try (Stream<Path> s = Files.list(checkpoint)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void isNamedByItsStateFileWithChecksums() throws IOException {
		assertEquals(List.of("optimizer-000001.npz", "state.json", "weights-000001.npz"),
			checkpointFiles());
		String state = Files.readString(checkpoint.resolve("state.json"));
		assertTrue(state.matches("(?s).*\"weights-000001.npz\": \"[0-9a-f]{64}\".*"), state);
	}

	@Test
	void aKillBeforeTheStateFileLeavesThePreviousCheckpoint() throws IOException {
		// the next epoch's arrays were written, then the run was killed before its state.json,
		// and its log line was written before the kill
		Files.copy(checkpoint.resolve("weights-000001.npz"), checkpoint.resolve(
			"weights-000002.npz"));
		Files.writeString(checkpoint.resolve("optimizer-000002.npz"), "cut sh");
		Files.writeString(folder.resolve("training-log.csv"), "2,0.1,20,20,1e-3,1,0,0\n3,0.1",
			java.nio.file.StandardOpenOption.APPEND);
		List<Integer> epochs = new ArrayList<>();
		TrainingResult r = resume(epochs);
		assertEquals(List.of(2, 3), epochs, "resumed after epoch 1, each epoch trained once");
		assertEquals(3, r.epochsDone);
		assertEquals(List.of("optimizer-000003.npz", "state.json", "weights-000003.npz"),
			checkpointFiles());
		List<String> log = Files.readAllLines(folder.resolve("training-log.csv"));
		assertEquals(List.of("epoch", "1", "2", "3"), log.stream().map(l -> l.split(",")[0])
			.collect(Collectors.toList()), "one line per epoch: " + log);
	}

	@Test
	void aMixedCheckpointIsRefusedWithOneLine() throws IOException {
		Files.writeString(checkpoint.resolve("optimizer-000001.npz"), "another epoch's");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resume(
			new ArrayList<>()));
		assertEquals("The checkpoint in " + folder.toAbsolutePath() + " is incomplete or mixed " +
			"(optimizer-000001.npz is missing or not the one its state.json was written with); it " +
			"cannot be resumed: start again with --overwrite", e.getMessage());
		Files.delete(checkpoint.resolve("optimizer-000001.npz"));
		assertThrows(IllegalArgumentException.class, () -> resume(new ArrayList<>()));
	}

	@Test
	void anEarlierVersionsCheckpointIsResumedOnlyWhenItsStateFileIsNewest() throws IOException {
		// the earlier layout: fixed names, no checksums, renamed one by one
		Files.move(checkpoint.resolve("weights-000001.npz"), checkpoint.resolve("weights.npz"));
		Files.move(checkpoint.resolve("optimizer-000001.npz"), checkpoint.resolve("optimizer.npz"));
		Path state = checkpoint.resolve("state.json");
		Files.writeString(state, Files.readString(state).replaceAll("(?s),\\s*\"files\": \\{.*?\\}",
			""));
		FileTime t = FileTime.fromMillis(1_700_000_000_000L);
		Files.setLastModifiedTime(checkpoint.resolve("weights.npz"), t);
		Files.setLastModifiedTime(checkpoint.resolve("optimizer.npz"), t);
		Files.setLastModifiedTime(state, FileTime.fromMillis(t.toMillis() - 60_000));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resume(
			new ArrayList<>()));
		assertTrue(e.getMessage().contains("incomplete or mixed (weights.npz"), e.getMessage());

		Files.setLastModifiedTime(state, FileTime.fromMillis(t.toMillis() + 1000));
		List<Integer> epochs = new ArrayList<>();
		assertEquals(3, resume(epochs).epochsDone);
		assertEquals(List.of(2, 3), epochs);
		assertFalse(Files.exists(checkpoint.resolve("weights.npz")), "replaced by the new layout");
	}
}
