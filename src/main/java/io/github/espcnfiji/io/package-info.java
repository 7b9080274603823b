/**
 * Image files and ImageJ 1.x images: reading and writing through ImageJ's readers and writers
 * (headless-safe), with a PNG writer of its own ({@link io.github.espcnfiji.io.PngEncoder}:
 * smaller files than ImageIO's, faster, split over the cores), and a zero-copy bridge between
 * ImagePlus stacks and ImgLib2 planar images. Every file is checked before a decoder sees it
 * ({@code ImageFileCheck}, through
 * {@link io.github.espcnfiji.io.ImageFiles#open(java.nio.file.Path, long)}): truncated files,
 * sizes the file cannot hold, multi-page TIFFs of mixed sizes and CMYK JPEGs are refused with
 * one line naming the file, whatever decoder would read them.
 * The video sources and sinks that need ImageJ live here too: AVI files read through ImageJ's
 * AVI reader, folders of frames, and {@link io.github.espcnfiji.io.VideoFiles}, which opens and
 * creates videos by path.
 */
package io.github.espcnfiji.io;
