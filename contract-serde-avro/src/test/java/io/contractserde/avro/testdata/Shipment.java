package io.contractserde.avro.testdata;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.apache.avro.reflect.AvroSchema;

/**
 * A plain Java object for {@code schema.reflection}: ReflectData derives its schema
 * ({@code io.contractserde.avro.testdata.Shipment}); {@code shipped} is an Avro {@code date}.
 */
public class Shipment {
  public String id;
  public int quantity;
  public List<String> tags;
  @AvroSchema("{\"type\":\"int\",\"logicalType\":\"date\"}")
  public LocalDate shipped;

  public Shipment() {}

  public Shipment(String id, int quantity, List<String> tags, LocalDate shipped) {
    this.id = id;
    this.quantity = quantity;
    this.tags = tags;
    this.shipped = shipped;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shipment s && Objects.equals(id, s.id) && quantity == s.quantity
        && Objects.equals(tags, s.tags) && Objects.equals(shipped, s.shipped);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, quantity, tags, shipped);
  }

  @Override
  public String toString() {
    return "Shipment[" + id + ", " + quantity + ", " + tags + ", " + shipped + "]";
  }
}
