package io.github.espcnfiji.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Test helper: Spark in this JVM, two task slots, each task tried at most twice. */
final class LocalSpark {

	private LocalSpark() {}

	static JavaSparkContext start() {
		return new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName(
			"espcn-spark-test").set("spark.ui.enabled", "false").set("spark.driver.host",
				"127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
	}
}
