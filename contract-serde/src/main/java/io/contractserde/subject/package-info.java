/**
 * Subject name strategies: how a topic and a record name become the registry subject whose
 * contract applies ({@code TopicNameStrategy}, {@code RecordNameStrategy},
 * {@code TopicRecordNameStrategy}), and how the {@code key.subject.name.strategy} /
 * {@code value.subject.name.strategy} settings select one; and the schema registry context
 * ({@code context.name.strategy}, {@code ContextNameStrategy}) a subject is put in.
 */
package io.contractserde.subject;
