package io.contractserde.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.format.ContractSchema;
import io.contractserde.format.ModelResolver;
import io.contractserde.format.PayloadDecoder;
import io.contractserde.format.RecordView;
import io.contractserde.format.shape.FieldShape;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One JSON Schema contract: its compiled validator and the conversions between documents
 * ({@code JsonNode}, {@code Map}, POJO), bytes and the data model (the document as maps and lists:
 * an object read from bytes, or given as an {@code ObjectNode}, as a {@link RecordView} of its tree,
 * see {@link JsonDataModel}).
 */
final class JsonContractSchema implements ContractSchema {
  private final RegisteredSchema contract;
  private final String title;
  private final Schema validator;
  private final ObjectMapper mapper;
  private final JsonDataModel dataModel;
  private final boolean validate;
  private final Class<?> targetType;
  private final FieldShape fieldShape;

  JsonContractSchema(RegisteredSchema contract, JsonNode schemaNode, Schema validator, FieldShape fieldShape,
      ObjectMapper mapper, JsonDataModel dataModel, boolean validate, Class<?> targetType) {
    this.contract = contract;
    this.title = schemaNode.path("title").isTextual() ? schemaNode.path("title").asText() : null;
    this.validator = validator;
    this.mapper = mapper;
    this.dataModel = dataModel;
    this.validate = validate;
    this.targetType = targetType;
    this.fieldShape = fieldShape;
  }

  @Override
  public FieldShape fieldShape() {
    return fieldShape;
  }

  @Override
  public RegisteredSchema contract() {
    return contract;
  }

  @Override
  public String recordName() {
    return title;
  }

  @Override
  public Object conform(Object value) {
    JsonNode node = node(value);
    if (validate) {
      validate(node);
    }
    return node;
  }

  private void validate(JsonNode node) {
    // The boolean output stops at the first violation and builds no messages: the common case.
    if (validator.validate(node, OutputFormat.BOOLEAN)) {
      return;
    }
    List<Error> errors = validator.validate(node);
    if (!errors.isEmpty()) {
      List<SchemaViolationException.Violation> violations = new ArrayList<>(errors.size());
      for (Error e : errors) {
        violations.add(new SchemaViolationException.Violation(
            e.getInstanceLocation().toString(), e.getKeyword(), e.getMessage()));
      }
      throw new SchemaViolationException(violations);
    }
  }

  private JsonNode node(Object value) {
    if (value instanceof JsonNode node) {
      return node;
    }
    try {
      return mapper.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new SerializationException("Cannot turn a " + value.getClass().getName() + " into JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public void encode(Object value, OutputStream out) {
    try {
      mapper.writeValue(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public PayloadDecoder decoderFor(ContractSchema reader) {
    JsonContractSchema target = (JsonContractSchema) reader;
    return (data, offset, length) -> {
      JsonNode node;
      try {
        node = mapper.readTree(data, offset, length);
      } catch (IOException e) {
        throw notJson(e);
      }
      if (node == null || node.isMissingNode()) {
        throw new SerializationException("The payload holds no JSON document");
      }
      return target.finish(node);
    };
  }

  /** An object as an owned view of the tree read from the payload; see {@link JsonDataModel#decode}. */
  @Override
  public Object decodeModel(byte[] data, int offset, int length) {
    try {
      return dataModel.decode(data, offset, length);
    } catch (IOException e) {
      throw notJson(e);
    }
  }

  private static SerializationException notJson(IOException e) {
    String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return new SerializationException("The payload is not a JSON document: " + detail, e);
  }

  @Override
  public Object toModel(Object value) {
    return mapper.convertValue(value, Object.class);
  }

  /** An {@code ObjectNode} as a view of it (never written to); anything else as {@link #toModel}. */
  @Override
  public Object view(Object value) {
    RecordView view = value instanceof JsonNode node ? dataModel.view(node, false) : null;
    return view != null ? view : toModel(value);
  }

  /**
   * The document of a data model, validated and in the target type. A view of a document the serde
   * read keeps the nodes nobody changed.
   */
  @Override
  public Object fromModel(Object model) {
    return finish(dataModel.tree(model));
  }

  /**
   * A hop without rules to another JSON Schema: the document validated against {@code target}, as
   * {@code target.toModel(target.fromModel(model))}; without a target type, the validated tree is
   * viewed in place instead of converted.
   */
  @Override
  public ModelResolver resolverTo(ContractSchema target) {
    if (target instanceof JsonContractSchema json && json.targetType == null && json.dataModel.viewable()) {
      return json::resolve;
    }
    return ContractSchema.super.resolverTo(target);
  }

  private Object resolve(Object model) {
    JsonDataModel.Building building = new JsonDataModel.Building();
    JsonNode node = (JsonNode) finish(dataModel.tree(model, building)); // validated; no target type here
    RecordView view = dataModel.view(node, building.owned());
    return view != null ? view : toModel(node);
  }

  /** A document read for this (reader) contract: validated, then converted to the target type. */
  private Object finish(JsonNode node) {
    if (validate) {
      validate(node);
    }
    if (targetType == null) {
      return node;
    }
    try {
      return mapper.treeToValue(node, targetType);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new SerializationException("Cannot read the document as " + targetType.getName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "JsonContractSchema[id " + contract.id() + (title == null ? "" : ", " + title) + "]";
  }
}
