/**
 * ImageJ 1.x without a display, for the jar's {@code macro} runner: a class loader
 * ({@link io.github.espcnfiji.headless.HeadlessImageJ}) in which ImageJ's dialog reads the
 * macro's options instead of opening a window
 * ({@link io.github.espcnfiji.headless.HeadlessDialog}), and ImageJ's command table, which
 * ImageJ itself only fills while it builds its menu bar
 * ({@link io.github.espcnfiji.headless.ImageJCommands}). Imports ImageJ and AWT (no windows);
 * nothing of the CLI.
 */
package io.github.espcnfiji.headless;
