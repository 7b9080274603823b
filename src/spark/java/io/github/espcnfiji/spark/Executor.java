package io.github.espcnfiji.spark;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/** Where a task runs: the executor's id and host, and the task's attempt. */
final class Executor {

	private Executor() {}

	/** {@code ID@HOST} of this JVM's executor ({@code driver@HOST} in local mode). */
	static String current() {
		SparkEnv env = SparkEnv.get();
		String id = env == null ? "?" : env.executorId();
		String host = env == null ? "?" : env.blockManager() == null ? "?" : env.blockManager()
			.blockManagerId().host();
		return id + "@" + host;
	}

	/** The attempt of the task running on this thread, counted from 0. */
	static int attempt() {
		TaskContext tc = TaskContext.get();
		return tc == null ? 0 : tc.attemptNumber();
	}
}
