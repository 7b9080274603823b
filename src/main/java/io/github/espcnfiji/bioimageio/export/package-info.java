/**
 * An ESPCN model as a bioimage.io model package ({@link
 * io.github.espcnfiji.bioimageio.export.PackageExport}): the whole network, pixel shuffle
 * included, as TorchScript written from Java (for RGB with the colour conversion and MATLAB-style
 * chroma bicubic built in), the {@code pytorch_state_dict} with {@code espcn.py}, test tensors and
 * a cover made from the bundled sample image, a README from the model card, and the
 * {@code rdf.yaml} (format 0.5.7) describing them. No ImageJ imports; the command line, the
 * PlugIn and training call it.
 */
package io.github.espcnfiji.bioimageio.export;
