/**
 * The JSON Schema serde: {@link io.contractserde.json.JsonContractSerializer},
 * {@link io.contractserde.json.JsonContractDeserializer} and {@link io.contractserde.json.JsonContractSerde}
 * on the core engines, and the JSON side of the format SPI: schemas compiled once per contract with
 * networknt's validator (draft-07 and 2020-12, {@code $ref} inside the schema and to referenced
 * subjects), validation on write and on read, and the document itself as the JSONata data model,
 * read in place from its Jackson tree.
 */
package io.contractserde.json;
