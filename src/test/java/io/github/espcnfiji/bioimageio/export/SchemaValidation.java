package io.github.espcnfiji.bioimageio.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test helper: bioimage.io's JSON Schema of a model description (format 0.5.7, a test resource
 * copied from {@code ../shared/bioimageio/}), applied to {@code rdf.yaml} text.
 */
final class SchemaValidation {

	private static JsonSchema schema;

	private SchemaValidation() {}

	/** The schema's complaints about a description; empty when it is valid. */
	static Set<String> errors(byte[] rdfYaml) throws IOException {
		JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(rdfYaml);
		Set<String> out = new TreeSet<>();
		for (ValidationMessage m : schema().validate(node))
			out.add(m.getMessage());
		return out;
	}

	private static synchronized JsonSchema schema() {
		if (schema == null) try (InputStream in = SchemaValidation.class.getResourceAsStream(
			"/bioimageio/bioimageio_schema_model_0.5.json"))
		{
			// it warns once that it does not know "discriminator" (OpenAPI's annotation of the
			// axes' oneOf); the oneOf itself is checked
			schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return schema;
	}
}
