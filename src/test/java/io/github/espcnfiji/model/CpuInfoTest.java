package io.github.espcnfiji.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CpuInfoTest {

	/** Flags of the AMD EPYC (Zen 5) VMs this project trains on, as /proc/cpuinfo lists them. */
	static final String ZEN5 = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\n" +
		"model\t\t: 2\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse sse2 ssse3 fma sse4_1 sse4_2 " +
		"avx f16c avx2 avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl avx_vnni " +
		"avx512_bf16 avx512vbmi avx512_vbmi2 gfni avx512_vnni avx512_bitalg avx512_vpopcntdq\n";
	/** An Intel Xeon (Cascade Lake): AVX-512 with VNNI, no bfloat16. */
	static final String CASCADE_LAKE = "cpu family\t: 6\nmodel\t\t: 85\n" +
		"model name\t: Intel(R) Xeon(R) Platinum 8260M CPU @ 2.40GHz\nflags\t\t: sse4_1 sse4_2 " +
		"avx avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_vnni\n";
	/** An Intel Xeon (Sapphire Rapids): AMX. */
	static final String SAPPHIRE_RAPIDS = "model name\t: Intel(R) Xeon(R) Platinum 8480+\n" +
		"flags\t\t: sse4_1 avx avx2 avx_vnni avx512f avx512dq avx512bw avx512vl avx512_vnni " +
		"avx512_bf16 avx512_fp16 amx_bf16 amx_tile amx_int8\n";
	static final String OLD_LAPTOP = "model name\t: Intel(R) Core(TM) i5-2520M\nflags\t\t: sse4_1 " +
		"sse4_2 avx\n";

	@Test
	void picksTheHighestOneDnnLevelTheFlagsAllow() {
		CpuInfo zen5 = CpuInfo.of(ZEN5, Map.of());
		assertEquals("avx512_core_bf16", zen5.onednnIsa());
		assertEquals("AMD EPYC (family 26, model 2)", zen5.model());
		assertEquals("AMD EPYC (family 26, model 2); oneDNN ISA avx512_core_bf16", zen5.describe());
		assertEquals("avx512_core_vnni", CpuInfo.of(CASCADE_LAKE, Map.of()).onednnIsa());
		assertEquals("avx512_core_amx", CpuInfo.of(SAPPHIRE_RAPIDS, Map.of()).onednnIsa());
		assertEquals("avx", CpuInfo.of(OLD_LAPTOP, Map.of()).onednnIsa());
	}

	@Test
	void honoursTheCapOfTheEnvironment() {
		assertEquals("avx2", CpuInfo.of(ZEN5, Map.of("ONEDNN_MAX_CPU_ISA", "AVX2")).onednnIsa());
		assertEquals("avx512_core", CpuInfo.of(ZEN5, Map.of("DNNL_MAX_CPU_ISA", "avx512_core"))
			.onednnIsa());
		// a cap above what the CPU has changes nothing; ALL and DEFAULT are no cap
		assertEquals("avx512_core_bf16", CpuInfo.of(ZEN5, Map.of("ONEDNN_MAX_CPU_ISA",
			"AVX512_CORE_AMX")).onednnIsa());
		assertEquals("avx512_core_bf16", CpuInfo.of(ZEN5, Map.of("ONEDNN_MAX_CPU_ISA", "ALL"))
			.onednnIsa());
		assertEquals("avx", CpuInfo.of(OLD_LAPTOP, Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"))
			.onednnIsa());
		assertTrue(CpuInfo.of(ZEN5, Map.of("ONEDNN_MAX_CPU_ISA", "AVX2")).describe().endsWith(
			"(capped by ONEDNN_MAX_CPU_ISA=AVX2)"));
	}

	@Test
	void withoutProcCpuinfoTheIsaIsUnknown() {
		assertEquals("unknown", CpuInfo.of(null, Map.of()).onednnIsa());
	}

	/** What oneDNN 3.7 prints for each level under ONEDNN_VERBOSE, as {@link CpuInfo} names it. */
	private static final Map<String, String> VERBOSE_NAMES = Map.ofEntries(Map.entry(
		"Intel SSE4.1", "sse41"), Map.entry("Intel AVX", "avx"), Map.entry("Intel AVX2", "avx2"),
		Map.entry("Intel AVX2 with Intel DL Boost", "avx2_vnni"), Map.entry(
			"Intel AVX-512 with AVX512BW, AVX512VL, and AVX512DQ extensions", "avx512_core"), Map
				.entry("Intel AVX-512 with Intel DL Boost", "avx512_core_vnni"), Map.entry(
					"Intel AVX-512 with Intel DL Boost and bfloat16 support", "avx512_core_bf16"),
		Map.entry("Intel AVX-512 with float16, Intel DL Boost and bfloat16 support",
			"avx512_core_fp16"), Map.entry(
				"Intel AVX-512 with float16, Intel DL Boost and bfloat16 support and Intel AMX with " +
					"bfloat16 and 8-bit integer support", "avx512_core_amx"));

	/**
	 * On this machine, what {@link CpuInfo} derives is what libtorch's oneDNN itself reports in
	 * a child JVM, with no cap and with caps.
	 */
	@Test
	void agreesWithWhatOneDnnReportsOnThisMachine() throws Exception {
		assumeTrue(Files.isReadable(Paths.get("/proc/cpuinfo")), "needs /proc/cpuinfo");
		for (String cap : List.of("", "AVX2", "AVX512_CORE")) {
			String out = probe(cap);
			String verbose = null, derived = null;
			for (String line : out.split("\n")) {
				int at = line.indexOf(",isa:");
				if (line.startsWith("onednn_verbose") && at >= 0) verbose = line.substring(at + 5)
					.trim();
				if (line.startsWith("cpuinfo-isa=")) derived = line.substring(12).trim();
			}
			assertNotNull(verbose, "no ISA line from oneDNN (cap '" + cap + "'):\n" + out);
			assertNotNull(derived, out);
			assertTrue(VERBOSE_NAMES.containsKey(verbose), "oneDNN's name '" + verbose +
				"' is not in the table of this test");
			assertEquals(VERBOSE_NAMES.get(verbose), derived, "cap '" + cap + "'");
		}
	}

	private static String probe(String cap) throws IOException, InterruptedException {
		Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty(
			"java.class.path"), OneDnnIsaProbe.class.getName()).redirectErrorStream(true);
		pb.environment().put("ONEDNN_VERBOSE", "1");
		pb.environment().remove("DNNL_MAX_CPU_ISA");
		if (cap.isEmpty()) pb.environment().remove("ONEDNN_MAX_CPU_ISA");
		else pb.environment().put("ONEDNN_MAX_CPU_ISA", cap);
		Process p = pb.start();
		byte[] bytes = p.getInputStream().readAllBytes();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		String out = new String(bytes, StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), out);
		return out;
	}
}
