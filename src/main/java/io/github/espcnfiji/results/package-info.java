/**
 * Results as the paper reports them, made by the project itself: benchmark sets evaluated under
 * the protocol of {@link io.github.espcnfiji.core.EvaluationProtocol} (image by image, on one or
 * more threads), Table 1 as Markdown and CSV beside the published figures, training curves and
 * side-by-side comparison figures as PNG, the table of a recipe study, and the generated blocks
 * of a Markdown document that can be regenerated without touching the hand-written text around
 * them. Images are drawn with ImageJ 1.x processors and work headless.
 */
package io.github.espcnfiji.results;
