/**
 * The Avro serde: {@link io.contractserde.avro.AvroContractSerializer},
 * {@link io.contractserde.avro.AvroContractDeserializer} and {@link io.contractserde.avro.AvroContractSerde}
 * on the core engines, and the Avro side of the format SPI: parsing with references, conformance,
 * encoding, decoding with schema resolution, and the JSONata data model (Avro's JSON encoding, built
 * straight from the datum). Each kind of Avro data the incumbent handles (generic records, with or
 * without logical-type conversions; generated classes; POJOs through ReflectData) is read, written,
 * checked and shown to rules here, chosen by {@link io.contractserde.avro.AvroContractSerdeConfig}.
 */
package io.contractserde.avro;
