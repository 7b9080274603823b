package io.github.espcnfiji.ij1;

import ij.IJ;

import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;

/**
 * How the PlugIns run the SciJava commands of {@link io.github.espcnfiji.command}: in Fiji's
 * SciJava {@link Context} when ImageJ runs inside Fiji (ImageJ2's legacy layer), else in a
 * context of this plugin's own.
 * <ul>
 * <li>Fiji: the context is asked of ImageJ 1.x with {@code IJ.runPlugIn("org.scijava.Context",
 * "")}, which the legacy layer answers with Fiji's own context.</li>
 * <li>Plain ImageJ 1.x: there that call would build a new full context on every call, so a
 * minimal one ({@link CommandService} and the services it needs) is made once, on first use,
 * and kept. SciJava's plugin index reads the annotation indexes through the thread's context
 * class loader, which in ImageJ does not see {@code plugins/} and {@code plugins/jars/}; it is
 * set to this plugin's own loader while the context is made. (DJL's engine discovery has the
 * same need, met around every DJL call by {@link io.github.espcnfiji.model.DjlRuntime}.)</li>
 * </ul>
 * A command is looked up in SciJava's plugin index ({@link CommandService#getCommand}) and runs
 * on the PlugIn's own thread, without SciJava's pre- and postprocessing: the PlugIn already has
 * every input from its dialog or macro options and shows the result itself, so nothing is
 * harvested, shown, recorded or logged by SciJava, and the command's exceptions reach the
 * PlugIn as they were thrown (for {@link PlugInErrors}).
 */
final class SciJavaCommands {

	/** The class that the legacy layer of Fiji (ImageJ2) brings. */
	static final String LEGACY_SERVICE = "net.imagej.legacy.LegacyService";

	private static Context own;

	private SciJavaCommands() {}

	/** Fiji's context when there is one, else this plugin's own (made on first use). */
	static Context context() {
		Context fiji = fijiContext();
		return fiji != null ? fiji : ownContext();
	}

	/** Fiji's context, or null outside Fiji. */
	static Context fijiContext() {
		try {
			Class.forName(LEGACY_SERVICE, false, SciJavaCommands.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError e) {
			return null;
		}
		Object context = IJ.runPlugIn(Context.class.getName(), "");
		return context instanceof Context ? (Context) context : null;
	}

	/** The context made for plain ImageJ and the command line, once. */
	static synchronized Context ownContext() {
		if (own == null) own = newContext();
		return own;
	}

	/**
	 * A new minimal context whose plugin index was read through this plugin's class loader,
	 * whatever the thread's context class loader (restored after).
	 */
	static Context newContext() {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(SciJavaCommands.class.getClassLoader());
		try {
			return new Context(CommandService.class);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/**
	 * Runs a command of this plugin on this thread with the given inputs
	 * ({@code name, value, ...}).
	 *
	 * @return the finished module, whose outputs {@link CommandModule#getOutput} gives
	 * @throws RuntimeException what the command threw: an {@link IllegalArgumentException} for
	 *           bad input, a {@link java.util.concurrent.CancellationException} when cancelled
	 * @throws IllegalStateException when SciJava's plugin index does not list the command
	 */
	static CommandModule run(Class<? extends Command> command, Object... inputs) {
		Context context = context();
		CommandInfo info = context.service(CommandService.class).getCommand(command);
		if (info == null) throw new IllegalStateException("SciJava's plugin index does not list " +
			command.getName() + ": is the ESPCN plugin jar built with its annotation index?");
		CommandModule module = (CommandModule) context.service(ModuleService.class).createModule(
			info);
		for (int i = 0; i + 1 < inputs.length; i += 2) {
			String name = (String) inputs[i];
			module.setInput(name, inputs[i + 1]);
			module.resolveInput(name);
		}
		module.run();
		return module;
	}
}
