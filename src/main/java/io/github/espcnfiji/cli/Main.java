package io.github.espcnfiji.cli;

import io.github.espcnfiji.model.DjlRuntime;

import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line entry point: {@code java -jar ESPCN_.jar COMMAND --key value ...}. */
public final class Main {

	private Main() {}

	public static void main(String[] args) {
		DjlRuntime.goOffline();
		System.setProperty("java.awt.headless", "true");
		if (args.length > 0 && args[0].equals("macro")) System.exit(MacroRunner.run(java.util.Arrays
			.copyOfRange(args, 1, args.length), System.out, System.err));
		if (args.length == 0) {
			System.err.println("Usage: java -jar ESPCN_.jar train --train DIR --validation DIR --scale N --epochs N --output DIR [--resume]");
			System.exit(2);
		}
		try {
			Map<String, String> o = options(args);
			int code;
			switch (args[0]) {
				case "train":
					code = TrainCommand.run(o, "java -jar ESPCN_.jar " + String.join(" ", args));
					break;
				default:
					throw new IllegalArgumentException("Unknown command '" + args[0] + "'");
			}
			System.exit(code);
		}
		catch (Exception e) {
			System.err.println("error: " + e.getMessage());
			System.exit(1);
		}
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> o = new LinkedHashMap<>();
		for (int i = 1; i < args.length; i++) {
			if (!args[i].startsWith("--")) throw new IllegalArgumentException("Unexpected '" + args[i] +
				"'");
			String k = args[i].substring(2);
			if (i + 1 < args.length && !args[i + 1].startsWith("--")) o.put(k, args[++i]);
			else o.put(k, "true");
		}
		return o;
	}
}
