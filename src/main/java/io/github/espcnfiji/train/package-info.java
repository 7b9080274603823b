/**
 * Training ESPCN from folders of high-resolution images: LR/HR patch pairs made under the
 * evaluation protocol, Adam with per-layer learning rates and a resumable state, per-epoch
 * validation, checkpoints and a CSV log of the curves.
 */
package io.github.espcnfiji.train;
