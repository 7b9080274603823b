/**
 * The command line ({@code java -jar ESPCN_.jar COMMAND}): upscale, video, train, measure,
 * evaluate, bench and demo, each a thin adapter over the engine with exit codes and clear one-line
 * errors.
 */
package io.github.espcnfiji.cli;
