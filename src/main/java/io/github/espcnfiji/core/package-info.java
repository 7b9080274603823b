/**
 * The engine's image logic on ImgLib2 and float planes, with no DJL, ImageJ or UI imports:
 * MATLAB-compatible bicubic resizing, BT.601 colour, PSNR and SSIM, the paper's evaluation
 * protocol, intensity normalisation, tiling with a halo (tiles side by side where the upscaler
 * offers threads), and the {@link
 * io.github.espcnfiji.core.SuperResolver} that the command line and the Fiji commands call.
 */
package io.github.espcnfiji.core;
