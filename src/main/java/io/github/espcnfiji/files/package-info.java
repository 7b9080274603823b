/**
 * Users' files kept safe, for every front (command line, ImageJ, macros): an output is written
 * under a recognisable hidden temporary name beside its target and renamed into place only when
 * complete ({@link io.github.espcnfiji.files.PendingFile}, {@link
 * io.github.espcnfiji.files.PendingFolder}), with one replace rule (an existing output is
 * replaced only when asked, an input never: {@link io.github.espcnfiji.files.Inputs}); folders
 * that one run writes at a time are locked ({@link io.github.espcnfiji.files.FolderLock}); and
 * temporary files are removed on Ctrl-C, or by the next run into the folder once their process
 * is gone ({@link io.github.espcnfiji.files.PartFiles}).
 * <pre>{@code
 * PendingFile.write(Paths.get("out/bird.png"), false, out -> ImageIO.write(img, "png", out));
 * }</pre>
 * It imports nothing of this project, ImageJ or AWT, so that every other package can use it.
 */
package io.github.espcnfiji.files;
