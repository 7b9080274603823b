package io.github.espcnfiji.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The processor this process runs on, and the instruction set oneDNN (libtorch's CPU
 * convolutions) dispatches to on it: the highest level of oneDNN's list that the CPU supports
 * and that {@code ONEDNN_MAX_CPU_ISA} (or the older {@code DNNL_MAX_CPU_ISA}) allows, by the
 * rules of oneDNN 3.7's {@code get_max_cpu_isa}. Training logs and model cards record it because
 * the convolution kernels, and so the numbers, depend on it.
 * <pre>{@code
 * CpuInfo.current().describe() // "AMD EPYC (family 26, model 2); oneDNN ISA avx512_core_bf16"
 * }</pre>
 * The processor is read from {@code /proc/cpuinfo}; elsewhere the model is the OS's
 * architecture and the ISA is "unknown".
 */
public final class CpuInfo {

	/** oneDNN's levels, lowest first, each with the CPU flags (as Linux names them) it needs. */
	private enum Isa {
		SSE41("sse4_1"), AVX("sse4_1", "avx"), AVX2("avx2"), AVX2_VNNI("avx2", "avx_vnni"),
		AVX2_VNNI_2("avx2", "avx_vnni", "avx_vnni_int8", "avx_ne_convert"),
		AVX512_CORE("avx2", "avx512f", "avx512bw", "avx512vl", "avx512dq"),
		AVX512_CORE_VNNI("avx2", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni"),
		AVX512_CORE_BF16("avx2", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni",
			"avx512_bf16"),
		AVX512_CORE_FP16("avx2", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni",
			"avx512_bf16", "avx512_fp16", "avx_vnni"),
		AVX512_CORE_AMX("avx2", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni",
			"avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16"),
		AVX512_CORE_AMX_FP16("avx2", "avx512f", "avx512bw", "avx512vl", "avx512dq",
			"avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_int8",
			"amx_bf16", "amx_fp16");

		final List<String> flags;

		Isa(String... flags) {
			// every level above SSE4.1 includes SSE4.1 and AVX
			List<String> all = new java.util.ArrayList<>(Arrays.asList(flags));
			if (!all.contains("sse4_1")) all.add(0, "sse4_1");
			if (!all.contains("avx") && all.size() > 1) all.add(1, "avx");
			this.flags = all;
		}

		/** True when every instruction of this level is allowed by {@code cap}. */
		boolean within(Isa cap) {
			return cap.flags.containsAll(flags);
		}

		String id() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	private final String model;
	private final String isa;
	private final String cap;

	CpuInfo(String model, String isa, String cap) {
		this.model = model;
		this.isa = isa;
		this.cap = cap;
	}

	/** This process's processor, with the ISA cap of this process's environment. */
	public static CpuInfo current() {
		return of(readCpuinfo(), System.getenv());
	}

	/** From the text of a {@code /proc/cpuinfo} (null when there is none) and an environment. */
	static CpuInfo of(String cpuinfo, Map<String, String> env) {
		String cap = env.get("ONEDNN_MAX_CPU_ISA");
		if (cap == null) cap = env.get("DNNL_MAX_CPU_ISA");
		cap = cap == null ? "" : cap.trim();
		if (cpuinfo == null) return new CpuInfo(System.getProperty("os.arch"), "unknown", cap);
		String name = field(cpuinfo, "model name"), family = field(cpuinfo, "cpu family"),
			number = field(cpuinfo, "model");
		String model = (name == null ? "unknown CPU" : name) + (family == null ? "" : " (family " +
			family + ", model " + number + ")");
		String flagLine = field(cpuinfo, "flags");
		Set<String> flags = new HashSet<>(Arrays.asList((flagLine == null ? "" : flagLine).split(
			"\\s+")));
		Isa limit = parseCap(cap);
		Isa best = null;
		for (Isa level : Isa.values())
			if (flags.containsAll(level.flags) && (limit == null || level.within(limit)))
				best = level;
		return new CpuInfo(model, best == null ? "none" : best.id(), cap);
	}

	/** The level a cap names, or null for none, {@code ALL}, {@code DEFAULT} or an unknown name. */
	private static Isa parseCap(String cap) {
		for (Isa level : Isa.values())
			if (level.name().equalsIgnoreCase(cap)) return level;
		return null;
	}

	private static String field(String cpuinfo, String key) {
		for (String line : cpuinfo.split("\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equals(key)) return line.substring(
				colon + 1).trim();
		}
		return null;
	}

	private static String readCpuinfo() {
		Path p = Paths.get("/proc/cpuinfo");
		try {
			return Files.isReadable(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
	}

	/** The processor's name, family and model, e.g. "AMD EPYC (family 26, model 2)". */
	public String model() {
		return model;
	}

	/**
	 * oneDNN's ISA level on this CPU under this process's cap, as oneDNN names it in lower case
	 * ({@code avx512_core_bf16}, {@code avx2}, ...).
	 */
	public String onednnIsa() {
		return isa;
	}

	/** The value of {@code ONEDNN_MAX_CPU_ISA} (or {@code DNNL_MAX_CPU_ISA}), "" when unset. */
	public String isaCap() {
		return cap;
	}

	/** One line for logs and model cards. */
	public String describe() {
		return model + "; oneDNN ISA " + isa + (cap.isEmpty() ? "" : " (capped by " +
			"ONEDNN_MAX_CPU_ISA=" + cap + ")");
	}

	@Override
	public String toString() {
		return describe();
	}
}
