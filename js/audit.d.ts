// Type declarations for hersys-validator/audit.
import type { Code, FieldInfo, FieldKey, InitSource, Options, RuleInfo, Severity } from './index.js';

export interface AuditInput {
  /** The file's encoding; detected when absent (a BOM or valid UTF-8 means UTF-8, else Shift_JIS). */
  encoding?: 'utf-8' | 'shift_jis';
  /** `{ header: fieldKey }` for headers the built-in labels do not map. */
  mapping?: Record<string, FieldKey>;
}

export interface AuditIssue {
  code: Code;
  /** Absent for issues about the row itself (`row.*`). */
  field?: FieldKey;
  related: FieldKey[];
  severity: Severity;
  message: string;
  fix?: string;
}

/** A record with an error or a warning. */
export interface AuditRow {
  /** The line of the file on which the record starts (the header is line 1). */
  row: number;
  /** The record's position among the data rows, from 1. */
  index: number;
  /** The values of the identifying columns (受付番号, ID, …). */
  ids: string[];
  issues: AuditIssue[];
}

export interface AuditColumn {
  index: number;
  header: string;
  field?: FieldKey;
  identifying: boolean;
}

export interface AuditSummary {
  rows: number;
  rowsWithErrors: number;
  rowsWithWarnings: number;
  blankRows: number;
  bytes: number;
  encoding?: 'utf-8' | 'shift_jis';
  counts: Partial<Record<Code, number>>;
  columns: AuditColumn[];
}

export interface AuditHooks {
  /** Called once, when the header row has been read, before any `onRows`. */
  onColumns?: (columns: AuditColumn[]) => void;
  onRows?: (rows: AuditRow[]) => void;
  onProgress?: (progress: { rows: number; bytes: number }) => void;
  signal?: AbortSignal;
}

export interface AuditBatch {
  rows: number;
  failing: AuditRow[];
}

export interface Auditor {
  push(chunk: Uint8Array): AuditBatch;
  finish(): AuditBatch;
  summary(): AuditSummary;
  /** `push` / `finish` as JSON text (`JSON.parse` gives their result): cheaper across the boundary. */
  pushJson(chunk: Uint8Array): string;
  finishJson(): string;
  /** For the worker pools (js/audit-parallel.js): on a new auditor, the offset after the header in the file's first 64 KiB, or -1. */
  readHead(window: Uint8Array, eof: boolean): number;
  /** For the worker pools: on a new auditor with the head's encoding, continue after the head bytes. */
  resumeAfter(head: Uint8Array, afterCr: boolean): boolean;
  /** For the worker pools: between records?, line breaks and records read so far. */
  position(): { boundary: boolean; lineBreaks: number; records: number };
  free(): void;
}

export const CHUNK_BYTES: number;
export function initAudit(source?: InitSource | Promise<Response>): Promise<void>;
export function createAuditor(input?: AuditInput, options?: Options): Auditor;
export function reportCodes(): Code[];
export function auditRules(): RuleInfo[];
export function auditFields(): FieldInfo[];
export function auditStream(
  source: Blob | Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  input?: AuditInput,
  options?: Options,
  hooks?: AuditHooks,
): Promise<AuditSummary>;
/** How many Web Workers `auditFile` may use, and the bytes each is handed at a time. */
export interface AuditPoolHooks extends AuditHooks {
  /** Workers for a large file (default `navigator.hardwareConcurrency`); the result is the same for any number. */
  jobs?: number;
  /** Bytes per segment (default: up to 8 MiB, at least 1 MiB, about four per worker). */
  segmentBytes?: number;
}
/** Audits a File in Web Workers (browsers), one per core for a large file. */
export function auditFile(file: Blob, input?: AuditInput, options?: Options, hooks?: AuditPoolHooks): Promise<AuditSummary>;
