/**
 * Image files and ImageJ 1.x images: reading and writing through ImageJ's readers and writers
 * (headless-safe), and a zero-copy bridge between ImagePlus stacks and ImgLib2 planar images.
 */
package io.github.espcnfiji.io;
