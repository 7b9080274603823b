/**
 * SciJava commands ({@link io.github.espcnfiji.command.SuperResolutionCommand},
 * {@link io.github.espcnfiji.command.MeasurePsnrCommand},
 * {@link io.github.espcnfiji.command.TrainCommand}) and the small engine calls behind them, which
 * the ImageJ 1.x PlugIns share: {@link io.github.espcnfiji.command.Upscaling} (any supported
 * ImgLib2 image through a super-resolver), {@link io.github.espcnfiji.command.ImageComparison}
 * (PSNR and SSIM per plane) and {@link io.github.espcnfiji.command.FolderTraining} (training on a
 * folder of images, and images held in memory). Nothing here needs a user interface; only the
 * commands need a SciJava {@code Context}. The ImageJ 1.x PlugIns run the commands too, giving
 * them their progress and cancel listeners through inputs that have no widget
 * ({@code ItemVisibility.INVISIBLE}, not required), so Fiji's dialogs never ask for them.
 */
package io.github.espcnfiji.command;
