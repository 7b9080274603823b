/**
 * The engine on Apache Spark: {@code upscale} of a folder or glob of images and of an OME-Zarr
 * image, {@code video} of a y4m file or a folder of frames (ranges of frames as tasks), and
 * {@code evaluate} of benchmark sets, as Spark jobs whose results equal the command line's.
 * <p>
 * The driver only plans: it lists the inputs, checks them as the command line does, and
 * {@code parallelize}s small work descriptions (paths, chunk indexes). Each task opens its input
 * itself, runs the same code as the command line ({@link io.github.espcnfiji.cli.FileUpscaling},
 * {@link io.github.espcnfiji.zarr.ZarrUpscaler}, {@link io.github.espcnfiji.video.VideoUpscaling},
 * {@link io.github.espcnfiji.results.SetEvaluator})
 * with a model loaded once per executor JVM ({@link ExecutorModel}), and writes its output under
 * a temporary name, renamed into place when complete ({@code files}): a retried, speculative or
 * lost task never leaves a partial output, and a rerun skips what is complete.
 * <p>
 * Spark is a {@code provided} dependency: this package is compiled from {@code src/spark/java},
 * left out of the plugin jar, and packed with the engine, DJL and the PyTorch natives into
 * {@code target/ESPCN_-VERSION-spark.jar} by {@code mvn -B package -Pspark-job -DskipTests}.
 */
package io.github.espcnfiji.spark;
