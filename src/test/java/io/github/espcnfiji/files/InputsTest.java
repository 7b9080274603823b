package io.github.espcnfiji.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An input is recognised by whatever path it is reached. */
class InputsTest {

	@TempDir
	Path dir;

	@Test
	void theSameFileByAnyPath() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		Path image = Files.writeString(in.resolve("a.png"), "png");
		Path link = Files.createSymbolicLink(dir.resolve("link"), in);
		Path hard = Files.createLink(dir.resolve("hard.png"), image);
		assertTrue(Inputs.same(in, dir.resolve("in/./")));
		assertTrue(Inputs.same(in, dir.resolve("in/../in")));
		assertTrue(Inputs.same(in, link));
		assertTrue(Inputs.same(image, link.resolve("a.png")));
		assertTrue(Inputs.same(image, hard), "a hard link is the same file");
		assertFalse(Inputs.same(image, in.resolve("b.png")));
		assertTrue(Inputs.same(link.resolve("new.png"), in.resolve("new.png")),
			"files yet to be made, through a linked folder");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Inputs
			.refuseOverwriting(link, in, "--output"));
		assertTrue(e.getMessage().contains("is the input folder"), e.getMessage());
	}
}
