package io.github.espcnfiji.headless;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.DialogListener;
import ij.macro.Interpreter;
import ij.plugin.filter.PlugInFilterRunner;
import ij.util.Tools;

import java.awt.AWTEvent;
import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import java.awt.Frame;
import java.awt.Insets;
import java.awt.Label;
import java.awt.Panel;
import java.awt.TextArea;
import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.awt.event.AdjustmentEvent;
import java.awt.event.AdjustmentListener;
import java.awt.event.FocusEvent;
import java.awt.event.FocusListener;
import java.awt.event.ItemEvent;
import java.awt.event.ItemListener;
import java.awt.event.KeyEvent;
import java.awt.event.KeyListener;
import java.awt.event.TextEvent;
import java.awt.event.TextListener;
import java.awt.event.WindowEvent;
import java.awt.event.WindowListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Vector;

/**
 * ImageJ's {@code ij.gui.GenericDialog} for a JVM without a display: {@link HeadlessImageJ}
 * defines {@code ij.gui.GenericDialog} from this class's bytes, renamed, so that ImageJ's own
 * commands run headless. It opens nothing: every field is read from the macro's options
 * ({@link Macro#getOptions()}) by ImageJ's key rules (the label's first word in lower case,
 * {@code key=value} or {@code key=[with spaces]}, a checkbox on when its key is present, a
 * choice by its text), as ImageJ's dialog does in a macro; without options each field keeps its
 * default. After {@link #showDialog()} the first {@link DialogListener} is called once, as ImageJ
 * calls it in a macro. A value that is not a number, or not one of a choice's items, stops the
 * macro with ImageJ's message.
 * <p>
 * It is a {@link Panel}, not a {@code java.awt.Dialog} (no window can be built without a
 * display); the window methods ImageJ calls on a dialog do nothing here. Code that hands the
 * dialog to a method wanting a {@code Window} cannot load headless (see the README's list of
 * commands that need a display). Keep the public and protected members in step with ImageJ's
 * class ({@code HeadlessDialogTest} checks every member ImageJ's and ESPCN's classes use).
 */
public class HeadlessDialog extends Panel implements ActionListener, TextListener, FocusListener,
	ItemListener, KeyListener, AdjustmentListener, WindowListener
{

	private static final long serialVersionUID = 1L;

	/** The last dialog made, as {@code GenericDialog.getInstance()} gives it. */
	protected static HeadlessDialog instance;

	// ImageJ's protected fields (its subclasses read them); empty here, there are no components
	protected Vector<Object> numberField = new Vector<>();
	protected Vector<Object> stringField = new Vector<>();
	protected Vector<Object> checkbox = new Vector<>();
	protected Vector<Object> choice = new Vector<>();
	protected Vector<Object> slider = new Vector<>();
	protected Vector<Object> radioButtonGroups = new Vector<>();
	protected TextArea textArea1;
	protected TextArea textArea2;
	protected Vector<Object> defaultValues = new Vector<>();
	protected Vector<Object> defaultText = new Vector<>();
	protected Vector<Object> defaultStrings = new Vector<>();
	protected Vector<Object> defaultChoiceIndexes = new Vector<>();
	protected Component theLabel;

	private final String options = Macro.getOptions();
	private String title;
	private final List<String> numberLabels = new ArrayList<>();
	private final List<Double> numberDefaults = new ArrayList<>();
	private final List<String> numberTexts = new ArrayList<>();
	private final List<String> stringLabels = new ArrayList<>();
	private final List<String> stringDefaults = new ArrayList<>();
	private final List<String> checkboxLabels = new ArrayList<>();
	private final List<Boolean> checkboxDefaults = new ArrayList<>();
	private final List<String> choiceLabels = new ArrayList<>();
	private final List<String[]> choiceItems = new ArrayList<>();
	private final List<String> choiceDefaults = new ArrayList<>();
	private final List<String> radioLabels = new ArrayList<>();
	private final List<String[]> radioItems = new ArrayList<>();
	private final List<String> radioDefaults = new ArrayList<>();
	private final List<String> texts = new ArrayList<>();
	private final List<DialogListener> listeners = new ArrayList<>();
	private int nextNumber, nextString, nextCheckbox, nextChoice, nextRadio, nextText;
	private boolean invalidNumber;
	private String errorMessage;

	public HeadlessDialog(String title) {
		this(title, null);
	}

	public HeadlessDialog(String title, Frame parent) {
		this.title = title;
		instance = this;
	}

	public static HeadlessDialog getInstance() {
		return instance;
	}

	// ---- fields

	public void addNumericField(String label, double defaultValue) {
		int digits = (int) defaultValue == defaultValue && Math.abs(defaultValue) < 1e9 ? 0 : 3;
		addNumericField(label, defaultValue, digits);
	}

	public void addNumericField(String label, double defaultValue, int digits) {
		addNumericField(label, defaultValue, digits, 6, null);
	}

	public void addNumericField(String label, double defaultValue, int digits, int columns,
		String units)
	{
		numberLabels.add(label);
		numberDefaults.add(defaultValue);
		numberTexts.add(Double.isNaN(defaultValue) ? "NaN" : IJ.d2s(defaultValue, digits));
	}

	public void addSlider(String label, double min, double max, double defaultValue) {
		addNumericField(label, defaultValue, (int) defaultValue == defaultValue ? 0 : 2);
	}

	public void addSlider(String label, double min, double max, double defaultValue,
		double stepSize)
	{
		addSlider(label, min, max, defaultValue);
	}

	public void addStringField(String label, String defaultText) {
		addStringField(label, defaultText, 8);
	}

	public void addStringField(String label, String defaultText, int columns) {
		stringLabels.add(label);
		stringDefaults.add(defaultText);
	}

	public void addFileField(String label, String defaultPath) {
		addStringField(label, defaultPath);
	}

	public void addFileField(String label, String defaultPath, int columns) {
		addStringField(label, defaultPath);
	}

	public void addDirectoryField(String label, String defaultPath) {
		addStringField(label, defaultPath);
	}

	public void addDirectoryField(String label, String defaultPath, int columns) {
		addStringField(label, defaultPath);
	}

	public void addCheckbox(String label, boolean defaultValue) {
		checkboxLabels.add(label);
		checkboxDefaults.add(defaultValue);
	}

	public void addCheckboxGroup(int rows, int columns, String[] labels, boolean[] defaultValues) {
		for (int i = 0; i < labels.length; i++)
			if (labels[i] != null) addCheckbox(labels[i], defaultValues[i]);
	}

	public void addCheckboxGroup(int rows, int columns, String[] labels, boolean[] defaultValues,
		String[] headings)
	{
		addCheckboxGroup(rows, columns, labels, defaultValues);
	}

	public void addPreviewCheckbox(PlugInFilterRunner pfr) {}

	public void addPreviewCheckbox(PlugInFilterRunner pfr, String label) {}

	public void addChoice(String label, String[] items, String defaultItem) {
		choiceLabels.add(label);
		choiceItems.add(items);
		choiceDefaults.add(defaultItem != null ? defaultItem : items.length > 0 ? items[0] : null);
	}

	public <E extends Enum<E>> void addEnumChoice(String label, E defaultItem) {
		addEnumChoice(label, defaultItem.getDeclaringClass().getEnumConstants(), defaultItem);
	}

	public <E extends Enum<E>> void addEnumChoice(String label, E[] items, E defaultItem) {
		String[] names = new String[items.length];
		for (int i = 0; i < items.length; i++)
			names[i] = items[i].name();
		addChoice(label, names, defaultItem.name());
	}

	public void addImageChoice(String label, String defaultImage) {
		String[] titles = WindowManager.getImageTitles();
		addChoice(label, titles, defaultImage == null && titles.length > 0 ? titles[0]
			: defaultImage);
	}

	public void addRadioButtonGroup(String label, String[] items, int rows, int columns,
		String defaultItem)
	{
		radioLabels.add(label);
		radioItems.add(items);
		radioDefaults.add(defaultItem);
	}

	public void addTextAreas(String text1, String text2, int rows, int columns) {
		texts.add(text1);
		if (text2 != null) texts.add(text2);
	}

	// ---- what carries no value headless

	public void addMessage(String text) {}

	public void addMessage(String text, Font font) {}

	public void addMessage(String text, Font font, Color color) {}

	public void addHelp(String url) {}

	public void addImage(ImagePlus image) {}

	public void addPanel(Panel panel) {}

	public void addPanel(Panel panel, int constraints, Insets insets) {}

	public void addButton(String label, ActionListener listener) {}

	public void addToSameRow() {}

	public void setInsets(int top, int left, int bottom) {}

	public void setOKLabel(String label) {}

	public void setCancelLabel(String label) {}

	public void setHelpLabel(String label) {}

	public void enableYesNoCancel() {}

	public void enableYesNoCancel(String yesLabel, String noLabel) {}

	public void hideCancelButton() {}

	public void centerDialog(boolean b) {}

	public void setSmartRecording(boolean smartRecording) {}

	public void setEchoChar(char echoChar) {}

	public void setDefaultString(int index, String value) {
		if (index >= 0 && index < stringDefaults.size()) stringDefaults.set(index, value);
	}

	public void previewRunning(boolean running) {}

	public boolean isPreviewActive() {
		return false;
	}

	public void addDialogListener(DialogListener listener) {
		listeners.add(listener);
	}

	// ---- showing: nothing to show; the first listener reads the fields once, as in a macro

	public void showDialog() {
		if (!listeners.isEmpty()) {
			resetCounters();
			listeners.get(0).dialogItemChanged(unsafeSelf(), null);
		}
		resetCounters();
	}

	/** This object as ImageJ's type: once renamed, this class is {@code ij.gui.GenericDialog}. */
	@SuppressWarnings("unchecked")
	private <T> T unsafeSelf() {
		return (T) (Object) this;
	}

	public boolean wasCanceled() {
		return false;
	}

	public boolean wasOKed() {
		return true;
	}

	public void resetCounters() {
		nextNumber = nextString = nextCheckbox = nextChoice = nextRadio = nextText = 0;
		invalidNumber = false;
	}

	protected boolean isMacro() {
		return options != null;
	}

	protected void setup() {}

	// ---- reading

	public double getNextNumber() {
		if (nextNumber >= numberLabels.size()) return -1.0;
		int i = nextNumber++;
		String label = numberLabels.get(i);
		String text = value(label, numberTexts.get(i));
		if (text == null || text.equals(numberTexts.get(i))) return numberDefaults.get(i);
		double value;
		if (text.startsWith("0x")) value = parseHex(text.substring(2));
		else {
			Double parsed = getValue(text);
			if (parsed != null) value = parsed;
			else {
				String name = text.startsWith("&") ? text.substring(1) : text;
				Interpreter interpreter = Interpreter.getInstance();
				value = interpreter != null ? interpreter.getVariable2(name) : Double.NaN;
			}
		}
		if (Double.isNaN(value) && !"NaN".equalsIgnoreCase(text)) {
			invalidNumber = true;
			errorMessage = "\"" + text + "\" is an invalid number";
			fail("Numeric value expected in run() function (dialog \"" + title + "\", key \"" +
				Macro.trimKey(label) + "\", value \"" + text + "\")");
		}
		return value;
	}

	public String getNextString() {
		if (nextString >= stringLabels.size()) return null;
		int i = nextString++;
		return variable(value(stringLabels.get(i), stringDefaults.get(i)));
	}

	public boolean getNextBoolean() {
		if (nextCheckbox >= checkboxLabels.size()) return false;
		int i = nextCheckbox++;
		if (options == null) return checkboxDefaults.get(i);
		return hasKey(options, Macro.trimKey(checkboxLabels.get(i)));
	}

	public String getNextChoice() {
		if (nextChoice >= choiceLabels.size()) return "";
		int i = nextChoice++;
		return item(choiceLabels.get(i), choiceItems.get(i), choiceDefaults.get(i));
	}

	public int getNextChoiceIndex() {
		if (nextChoice >= choiceLabels.size()) return -1;
		int i = nextChoice;
		String item = getNextChoice();
		return Arrays.asList(choiceItems.get(i)).indexOf(item);
	}

	public <E extends Enum<E>> E getNextEnumChoice(Class<E> type) {
		return Enum.valueOf(type, getNextChoice());
	}

	public String getNextRadioButton() {
		if (nextRadio >= radioLabels.size()) return null;
		int i = nextRadio++;
		return item(radioLabels.get(i), radioItems.get(i), radioDefaults.get(i));
	}

	public ImagePlus getNextImage() {
		String title = getNextChoice();
		ImagePlus image = WindowManager.getImage(title);
		if (image == null) fail("There is no image \"" + title + "\" (" + this.title + ")");
		return image;
	}

	public String getNextText() {
		if (nextText >= texts.size()) return null;
		int i = nextText++;
		return variable(value("text" + (i + 1), texts.get(i)));
	}

	public boolean invalidNumber() {
		return invalidNumber;
	}

	public String getErrorMessage() {
		return errorMessage;
	}

	public double parseDouble(String s) {
		Double value = getValue(s);
		return value == null ? Double.NaN : value;
	}

	protected Double getValue(String text) {
		double value = Tools.parseDouble(text);
		return Double.isNaN(value) ? null : value;
	}

	// ---- components: there are none

	public Vector<Object> getNumericFields() {
		return null;
	}

	public Vector<Object> getStringFields() {
		return null;
	}

	public Vector<Object> getCheckboxes() {
		return null;
	}

	public Vector<Object> getChoices() {
		return null;
	}

	public Vector<Object> getSliders() {
		return null;
	}

	public Vector<Object> getRadioButtonGroups() {
		return null;
	}

	public TextArea getTextArea1() {
		return null;
	}

	public TextArea getTextArea2() {
		return null;
	}

	public Component getMessage() {
		return null;
	}

	public Label getLabel() {
		return null;
	}

	public Checkbox getPreviewCheckbox() {
		return null;
	}

	public Button[] getButtons() {
		return new Button[0];
	}

	// ---- what ImageJ calls on a dialog's window

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public void dispose() {}

	public void pack() {}

	public void toFront() {}

	public void toBack() {}

	public void setModal(boolean modal) {}

	public boolean isModal() {
		return true;
	}

	public void setResizable(boolean resizable) {}

	public void setAlwaysOnTop(boolean alwaysOnTop) {}

	public void setLocationRelativeTo(Component c) {}

	public void addWindowListener(WindowListener l) {}

	public void removeWindowListener(WindowListener l) {}

	@Override
	public boolean isVisible() {
		return false;
	}

	@Override
	public void setFont(Font font) {}

	@Override
	public Insets getInsets() {
		return new Insets(0, 0, 0, 0);
	}

	@Override
	public void paint(java.awt.Graphics g) {}

	@Override
	public void repaint() {}

	// ---- the listener interfaces ImageJ's dialog implements: no events come headless

	@Override
	public void actionPerformed(ActionEvent e) {}

	@Override
	public void textValueChanged(TextEvent e) {}

	@Override
	public void focusGained(FocusEvent e) {}

	@Override
	public void focusLost(FocusEvent e) {}

	@Override
	public void itemStateChanged(ItemEvent e) {}

	@Override
	public void keyPressed(KeyEvent e) {}

	@Override
	public void keyReleased(KeyEvent e) {}

	@Override
	public void keyTyped(KeyEvent e) {}

	@Override
	public void adjustmentValueChanged(AdjustmentEvent e) {}

	@Override
	public void windowClosing(WindowEvent e) {}

	@Override
	public void windowActivated(WindowEvent e) {}

	@Override
	public void windowOpened(WindowEvent e) {}

	@Override
	public void windowClosed(WindowEvent e) {}

	@Override
	public void windowIconified(WindowEvent e) {}

	@Override
	public void windowDeiconified(WindowEvent e) {}

	@Override
	public void windowDeactivated(WindowEvent e) {}

	protected void processEvent(AWTEvent e) {}

	// ---- helpers

	/** The option's value for {@code label}, or {@code defaultValue} (also without options). */
	private String value(String label, String defaultValue) {
		return options == null ? defaultValue : Macro.getValue(options, label, defaultValue);
	}

	/** {@code &name} is the macro's string variable {@code name}, as in ImageJ. */
	private static String variable(String text) {
		if (text == null || !text.startsWith("&") || text.length() < 2) return text;
		Interpreter interpreter = Interpreter.getInstance();
		String value = interpreter != null ? interpreter.getStringVariable(text.substring(1)) : null;
		return value != null ? value : text;
	}

	private String item(String label, String[] items, String defaultItem) {
		String item = value(label, defaultItem);
		if (item == null || items.length == 0) return item;
		if (!Arrays.asList(items).contains(item)) {
			String fromVariable = variable(item.startsWith("&") ? item : "&" + item);
			if (Arrays.asList(items).contains(fromVariable)) return fromVariable;
			fail("\"" + item + "\" is not a valid choice for \"" + label.replaceAll(":$", "") +
				"\" (" + title + ")");
		}
		return item;
	}

	/** Whether {@code key} stands alone in {@code options}, outside {@code [...]} and values. */
	static boolean hasKey(String options, String key) {
		String s = options.toLowerCase(Locale.US);
		String k = key.toLowerCase(Locale.US);
		int i = 0;
		while (i < s.length()) {
			while (i < s.length() && s.charAt(i) == ' ')
				i++;
			int start = i;
			while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '=')
				i++;
			String word = s.substring(start, i);
			if (i < s.length() && s.charAt(i) == '=') {
				i++;
				if (i < s.length() && s.charAt(i) == '[') {
					int end = s.indexOf(']', i);
					i = end < 0 ? s.length() : end + 1;
				}
				else while (i < s.length() && s.charAt(i) != ' ')
					i++;
			}
			else if (word.equals(k)) return true;
		}
		return false;
	}

	private static int parseHex(String hex) {
		try {
			return Integer.parseInt(hex, 16);
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}

	/** Stops the macro with {@code message}, as ImageJ's dialog stops it on a bad value. */
	private static void fail(String message) {
		IJ.error("Macro Error", message);
		Macro.abort();
		throw new RuntimeException(Macro.MACRO_CANCELED);
	}
}
