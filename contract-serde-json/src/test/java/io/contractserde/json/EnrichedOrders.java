package io.contractserde.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.ContractRegistry;
import io.contractserde.testing.SerdeProps;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The enriched_orders data product as JSON Schema contracts: v1 (draft-07) with {@code account_id},
 * and the breaking v2 (2020-12, product fields under {@code $defs}) that renames it to
 * {@code customer_id}, with UPGRADE / DOWNGRADE rules.
 */
final class EnrichedOrders {
  static final String SUBJECT = "enriched_orders-value";
  static final String TOPIC = "enriched_orders";
  static final ObjectMapper MAPPER = new ObjectMapper();

  static final String V1 = """
      {"$schema": "http://json-schema.org/draft-07/schema#", "title": "EnrichedOrder", "type": "object",
       "properties": {
         "order_id": {"type": "string"}, "account_id": {"type": "string"},
         "product_id": {"type": "string"}, "product_name": {"type": "string"},
         "quantity": {"type": "integer", "minimum": 1}, "total": {"type": "number", "minimum": 0}},
       "required": ["order_id", "account_id", "product_id", "product_name", "quantity", "total"],
       "additionalProperties": false}""";
  static final String V2 = """
      {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "EnrichedOrder", "type": "object",
       "$defs": {"productId": {"type": "string", "pattern": "^P-[0-9]+$"}},
       "properties": {
         "order_id": {"type": "string"}, "customer_id": {"type": "string"},
         "product_id": {"$ref": "#/$defs/productId"}, "product_name": {"type": "string"},
         "quantity": {"type": "integer", "minimum": 1}, "total": {"type": "number", "minimum": 0}},
       "required": ["order_id", "customer_id", "product_id", "product_name", "quantity", "total"],
       "additionalProperties": false}""";

  static final Rule UPGRADE = Rule.of("account_to_customer", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA",
      "$merge([$sift($, function($v, $k) {$k != 'account_id'}), {'customer_id': account_id}])");
  static final Rule DOWNGRADE = Rule.of("customer_to_account", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA",
      "$merge([$sift($, function($v, $k) {$k != 'customer_id'}), {'account_id': customer_id}])");
  static final Rule TOTAL_MATCHES = Rule.of("total_not_absurd", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA",
      "total <= quantity * 10000");

  private EnrichedOrders() {}

  static void register(ContractRegistry registry) {
    registry.register(SUBJECT, SchemaDefinition.of("JSON", V1)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "1")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(TOTAL_MATCHES))));
    registry.register(SUBJECT, v2Definition());
  }

  static SchemaDefinition v2Definition() {
    return SchemaDefinition.of("JSON", V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "2")))
        .withRuleSet(new RuleSet(List.of(UPGRADE, DOWNGRADE), List.of(TOTAL_MATCHES), null, null));
  }

  static ObjectNode v1(int i) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("order_id", "o-" + i);
    n.put("account_id", "acc-" + i);
    n.put("product_id", "P-" + i);
    n.put("product_name", "Widget " + i);
    n.put("quantity", 1 + i % 5);
    // Read back as an exact decimal, as the incumbent reads JSON numbers with a fraction.
    n.put("total", BigDecimal.valueOf(9.5 * (1 + i % 5)));
    return n;
  }

  static ObjectNode v2(int i) {
    ObjectNode n = v1(i);
    n.remove("account_id");
    n.put("customer_id", "acc-" + i);
    return n;
  }

  /** Serde properties: registry URL plus the given pairs. */
  static Map<String, Object> props(String url, Object... pairs) {
    return SerdeProps.props(url, pairs);
  }


  /** A payload framed with the id of v{@code major} of the enriched orders contract. */
  static byte[] framed(ContractRegistry registry, String major, String payload, java.nio.charset.Charset charset) {
    int id = registry.latestWithMetadata(SUBJECT, Map.of("major_version", major)).id();
    byte[] body = payload.getBytes(charset);
    byte[] out = new byte[5 + body.length];
    io.contractserde.wire.WireFormat.writeIdPrefix(out, 0, id);
    System.arraycopy(body, 0, out, 5, body.length);
    return out;
  }

  static String text(JsonNode node, String field) {
    return node.path(field).asText(null);
  }
}
