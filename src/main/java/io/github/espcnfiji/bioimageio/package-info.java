/**
 * bioimage.io model packages, the format: safe reading of a package's files from a {@code .zip}
 * or folder ({@link io.github.espcnfiji.bioimageio.PackageFiles}), its {@code rdf.yaml}
 * ({@link io.github.espcnfiji.bioimageio.RdfYaml}, {@link io.github.espcnfiji.bioimageio.RdfNode})
 * and the checks the spec's JSON Schema cannot make ({@link
 * io.github.espcnfiji.bioimageio.ModelPackage}: files present, sha256, test tensor shapes against
 * the axes), pre- and postprocessing ({@link io.github.espcnfiji.bioimageio.Processing}), and the
 * file formats a package holds, written without Python: {@code .npy}
 * ({@link io.github.espcnfiji.bioimageio.Npy}) and PyTorch's state_dict and TorchScript archives
 * ({@link io.github.espcnfiji.bioimageio.TorchArchive}).
 * <p>
 * It knows nothing of ESPCN, DJL or ImageJ: {@code model} reads packages through it, and
 * {@code bioimageio.export} writes ESPCN models as packages.
 */
package io.github.espcnfiji.bioimageio;
