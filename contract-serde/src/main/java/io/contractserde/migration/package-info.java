/**
 * Migration planning: the ordered steps that take a record from the writer's contract version to
 * the reader's, over every intermediate version, computed once per (subject, writer id, reader id)
 * and run per record in the data model.
 */
package io.contractserde.migration;
