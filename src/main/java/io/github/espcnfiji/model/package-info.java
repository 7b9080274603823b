/**
 * The ESPCN network on DJL's PyTorch engine: the architecture ({@link
 * io.github.espcnfiji.model.EspcnSpec}, {@link io.github.espcnfiji.model.EspcnBlock}, {@link
 * io.github.espcnfiji.model.PixelShuffle}), a runnable model ({@link
 * io.github.espcnfiji.model.EspcnModel}), model files with their JSON cards, PyTorch
 * state_dict interchange as .npz, the bundled models, and {@link
 * io.github.espcnfiji.model.DjlRuntime}, the one door to DJL (offline, plugin class loader).
 * <p>
 * Inference runs the fast way ({@link io.github.espcnfiji.model.InferenceMode}): tiles on the
 * {@link io.github.espcnfiji.model.InferenceThreads}, channels-last, through a TorchScript module
 * written here ({@code EspcnScript}) whose layers are oneDNN convolutions with the activation
 * fused in; {@link io.github.espcnfiji.model.EngineSpeed} measures the engine's ceilings.
 * {@link io.github.espcnfiji.model.CpuInfo} names the processor and the instruction set oneDNN
 * dispatches to on it, which trainings record.
 */
package io.github.espcnfiji.model;
