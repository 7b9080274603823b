/**
 * The ImageJ 1.x front: the PlugIns listed in {@code plugins.config} ("ESPCN Super-Resolution...",
 * "ESPCN Video...", "ESPCN OME-Zarr...", "ESPCN Measure PSNR...", "ESPCN Train...", "ESPCN Export Model...", and the
 * names of version 0.1 without "...") and the macro extension ("ESPCN Macro Extensions").
 * <p>
 * Each PlugIn reads its settings from {@link ij.Macro#getOptions()} whenever a macro gives
 * options, with or without a display, and otherwise from a {@code GenericDialog} (which records
 * them, and remembers the last values), by the same snake_case keys; unknown keys are an error; the keys are API, declared as constants on each PlugIn class and never
 * renamed without a test of the old form. Headless, no dialog or window is ever created, and
 * errors are logged and stop the running macro (see {@link io.github.espcnfiji.ij1.PlugInErrors}).
 * <p>
 * "ESPCN Super-Resolution" and "ESPCN Train" (and the {@code Ext.upscale} and {@code Ext.train}
 * functions) run the SciJava commands of {@link io.github.espcnfiji.command} in Fiji's SciJava
 * context, or outside Fiji in one of their own (see
 * {@link io.github.espcnfiji.ij1.SciJavaCommands}); they give the commands ImageJ's progress and
 * Esc as listeners. "ESPCN Measure PSNR" (and {@code Ext.psnr}, {@code Ext.ssim}) calls the
 * engine itself: it writes one row per slice, which the measuring command (means only, the
 * numbers a script wants) does not give, and its one-image mode (the evaluation protocol with
 * bicubic beside) has no command; a command made only to be called from here would add a layer,
 * not remove one. Neither needs Esc or a plugin index, and the model it may load goes through
 * {@link io.github.espcnfiji.model.DjlRuntime} like every DJL call. "ESPCN Video" and "ESPCN
 * OME-Zarr" call their engines ({@link io.github.espcnfiji.video.VideoPipeline},
 * {@link io.github.espcnfiji.zarr.ZarrUpscaler}) themselves for the same reason: they go from
 * files to files, streamed, and never hold the image that a command's {@code Img} parameters
 * would; the command line's {@code video} and {@code upscale} of a Zarr folder call the same
 * engines, so the results are the same files.
 * <p>
 * Batch macros write files through {@code Ext.save} and {@code Ext.saveText} (see
 * {@link io.github.espcnfiji.ij1.MacroOutputs}) rather than ImageJ's {@code saveAs}, so that
 * they keep the command line's rules: complete or absent, never over an input, an existing file
 * replaced only when asked.
 * <pre>
 * run("ESPCN Super-Resolution...", "model=[x3] tile=256");
 * run("ESPCN Measure PSNR...", "reference=[hr.png] test=[hr-ESPCN-x3] scale=3");
 * run("ESPCN Train...", "folder=[/data/T91] scale=3 epochs=100 activation=tanh output=[/models/mine]");
 * run("ESPCN Train...", "folder=[/data/T91] scale=3 epochs=100 output=[/models/mine] current_image");
 * run("ESPCN Video...", "input=[/data/bus.y4m] output=[/data/bus-x3.y4m] model=[x3]");
 * run("ESPCN OME-Zarr...", "input=[/data/cells.zarr] output=[/data/cells-x3.zarr] model=[x3] pyramid=2");
 * </pre>
 */
package io.github.espcnfiji.ij1;
