/**
 * Training ESPCN from folders of high-resolution images: LR/HR patch pairs made under the
 * evaluation protocol, Adam with per-layer learning rates and a resumable state, per-epoch
 * validation, checkpoints and a CSV log of the curves. A run's folder is locked while it trains,
 * and its checkpoint is one unit, written or not (see {@link io.github.espcnfiji.train.TrainingRun}).
 */
package io.github.espcnfiji.train;
