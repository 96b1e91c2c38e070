/**
 * The audit log's write side, below every module: the entry shape, its collection and
 * `recordAudit`, which every module calls for its sensitive actions. Reading the log
 * (`GET /v1/audit`) is the audit module's job (modules/audit).
 */
export { AUDIT_COLLECTION, type AuditEntry, AuditEntrySchema } from "./model.ts";
export { type AuditInput, recordAudit } from "./record.ts";
