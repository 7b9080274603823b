package io.github.espcnfiji.ij1;

import ij.IJ;
import ij.Prefs;
import ij.gui.GenericDialog;
import io.github.espcnfiji.model.BundledModels;
import io.github.espcnfiji.model.ModelCard;
import io.github.espcnfiji.model.ModelRegistry;

import java.awt.Choice;
import java.awt.Component;
import java.awt.Label;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.swing.JFileChooser;

/**
 * The model choice of the dialogs: a drop-down of the bundled models and of the user's own (the
 * {@link ModelRegistry} that ESPCN Train registers its models in, {@code ESPCN/models.txt} in
 * ImageJ's preferences folder), a Browse button for any model folder, {@code .zip} or package,
 * and beside it what the chosen model's card says (scale, filters, Set5 PSNR, description). The
 * recorded macro key stays {@code model=} with a bundled name or a path, and a macro may give any
 * name or path, as before.
 */
final class ModelChooser {

	static final String BROWSE_LABEL = "Browse for a model...";

	private ModelChooser() {}

	/** The system property that moves the registry (tests, shared installations). */
	static final String REGISTRY_PROPERTY = "espcn.registry";

	/**
	 * The registry of the user's models: {@code ESPCN/models.txt} in ImageJ's preferences
	 * folder, or the file named by the system property {@value #REGISTRY_PROPERTY}.
	 */
	static ModelRegistry registry() {
		String file = System.getProperty(REGISTRY_PROPERTY);
		return new ModelRegistry(file != null && !file.isBlank() ? Paths.get(file) : Paths.get(Prefs
			.getPrefsDir(), "ESPCN", "models.txt"));
	}

	/** The drop-down's items: bundled names, the user's models, then {@code current} if new. */
	static List<String> items(List<String> bundled, List<Path> registered, String current) {
		List<String> items = new ArrayList<>(bundled);
		for (Path p : registered)
			if (!items.contains(p.toString())) items.add(p.toString());
		if (current != null && !current.isBlank() && !items.contains(current.trim()))
			items.add(current.trim());
		return items;
	}

	/** One line about a model from its card, or why its card cannot be read. */
	static String describe(BundledModels models, String nameOrPath) {
		try {
			ModelCard card = models.resolveCard(nameOrPath);
			StringBuilder s = new StringBuilder();
			s.append(card.name).append(": x").append(card.scale);
			if (card.filters != null && card.filters.length == 2) s.append(", ").append(card.filters[0])
				.append("/").append(card.filters[1]).append(" filters");
			ModelCard.Metrics set5 = card.metrics.get("Set5 x" + card.scale);
			if (set5 != null) s.append(String.format(Locale.ROOT, ", Set5 %.2f dB (bicubic %.2f)",
				set5.psnr, set5.bicubicPsnr));
			String d = card.description == null ? "" : card.description.trim();
			if (!d.isEmpty()) s.append(" - ").append(d.length() > 60 ? d.substring(0, 57) + "..." : d);
			return s.toString();
		}
		catch (IOException | RuntimeException e) {
			return "Cannot read this model: " + PlugInErrors.describe(e instanceof Exception
				? (Exception) e : new RuntimeException(e));
		}
	}

	/**
	 * Adds the choice labelled {@code label} (recorded as its first word, e.g. {@code model}),
	 * the Browse button and the card line to {@code gd}, with {@code current} selected.
	 */
	static void addTo(GenericDialog gd, String label, String current) {
		BundledModels models = BundledModels.shipped();
		List<String> items = items(models.available(), registry().models(), current);
		if (items.isEmpty()) items.add(current);
		gd.addChoice(label, items.toArray(new String[0]), items.contains(current) ? current : items
			.get(0));
		Choice choice = (Choice) gd.getChoices().lastElement();
		Component[] card = { null };
		gd.addButton(BROWSE_LABEL, e -> {
			String chosen = browse();
			if (chosen == null) return;
			boolean present = false;
			for (int i = 0; i < choice.getItemCount(); i++)
				present |= choice.getItem(i).equals(chosen);
			if (!present) choice.add(chosen);
			choice.select(chosen);
			show(card[0], describe(models, chosen));
		});
		gd.addMessage(describe(models, choice.getSelectedItem()));
		card[0] = gd.getMessage();
		gd.addDialogListener((dialog, event) -> {
			if (event != null && event.getSource() == choice) show(card[0], describe(models, choice
				.getSelectedItem()));
			return true;
		});
	}

	private static void show(Component message, String text) {
		if (message instanceof Label) ((Label) message).setText(text);
	}

	/** A model folder, {@code .zip} or package chosen by the user; null when cancelled. */
	private static String browse() {
		JFileChooser chooser = new JFileChooser();
		chooser.setDialogTitle("A model folder, .zip or bioimage.io package");
		chooser.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
		String last = IJ.getDirectory("current");
		if (last != null) chooser.setCurrentDirectory(new File(last));
		if (chooser.showOpenDialog(IJ.getInstance()) != JFileChooser.APPROVE_OPTION) return null;
		return chooser.getSelectedFile().getAbsolutePath();
	}
}
