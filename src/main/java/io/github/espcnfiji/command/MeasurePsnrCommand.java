package io.github.espcnfiji.command;

import net.imglib2.RandomAccessibleInterval;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * PSNR (dB) and SSIM of a test image against a reference, on the luma with a border of
 * {@code scale} pixels cropped, averaged over the XY planes; see {@link ImageComparison}.
 */
@Plugin(type = Command.class, headless = true,
	menuPath = "Plugins>ESPCN>ImgLib2>Measure PSNR (ImgLib2)")
public final class MeasurePsnrCommand implements Command {

	@Parameter(label = "Reference (ground truth)", persist = false)
	private RandomAccessibleInterval<?> reference;

	@Parameter(label = "Test image", persist = false)
	private RandomAccessibleInterval<?> test;

	@Parameter(label = "Scale (border cropped, pixels)", min = "1", persist = false)
	private int scale = 3;

	@Parameter(type = ItemIO.OUTPUT, label = "PSNR (dB)")
	private double psnr;

	@Parameter(type = ItemIO.OUTPUT, label = "SSIM")
	private double ssim;

	@Override
	public void run() {
		ImageComparison c = ImageComparison.of(reference, test, scale);
		psnr = c.meanPsnr();
		ssim = c.meanSsim();
	}
}
