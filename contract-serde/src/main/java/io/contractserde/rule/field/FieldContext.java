package io.contractserde.rule.field;

import io.contractserde.format.shape.FieldType;
import io.contractserde.format.shape.RecordShape;
import java.util.Set;

/**
 * The field a {@link FieldTransform} is applied to.
 *
 * @param containingMessage the native record holding the field (for an element of an array or a
 *     map, the record holding the array or map)
 * @param containingShape that record's shape
 * @param fullName the record's full name, a dot and the field's name ({@code example.User.ssn},
 *     {@code $.ssn} for JSON Schema)
 * @param name the field's name
 * @param type the type of the value (the chosen branch's type for a union)
 * @param tags the field's inline tags and those {@code metadata.tags} give it
 */
public record FieldContext(Object containingMessage, RecordShape containingShape, String fullName, String name,
    FieldType type, Set<String> tags) {}
