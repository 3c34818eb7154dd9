// Type declarations for hersys-validator/audit.
import type { Catalogue, Code, FieldInfo, FieldKey, InitSource, Options, RuleInfo, Severity } from './index.js';

/** The canonical encoding labels. */
export type AuditEncoding = 'utf-8' | 'shift_jis' | 'utf-16le' | 'utf-16be';

export interface AuditInput {
  /**
   * The file's encoding, any label `auditEncodings()` lists (`'utf-8'`, `'shift_jis'`, `'cp932'`,
   * `'utf-16le'`, …); detected when absent (a BOM, else valid UTF-8 means UTF-8, else Shift_JIS).
   * A UTF-16 BOM always means UTF-16.
   */
  encoding?: string;
  /** `{ header: fieldKey }` for headers the built-in labels do not map. */
  mapping?: Record<string, FieldKey>;
  /**
   * The headers of the columns whose values are copied into `ids` and the reports; absent: the
   * built-in list `identifierHeaders()` (受付番号, HER-SYS ID, …); `[]`: none. Compared ignoring
   * width, case, spaces and `- _ . ・`.
   */
  idColumns?: string[];
  /**
   * The header's line in the file (1-based). Absent: the line among the first 50 (within 64 KiB)
   * that maps the most fields, at least two; lines above it (a title, a legend) are skipped.
   */
  headerLine?: number;
}

/** Why a file was not audited. */
export interface AuditRefusal {
  code: 'file.binary' | 'file.header_unterminated' | 'file.header_not_found';
  message: string;
}

/** Thrown (or rejected) when the file is not a CSV text file, has no header line, or its header line never ends. */
export class AuditRefusedError extends Error {
  readonly code: AuditRefusal['code'];
}

export interface AuditIssue {
  code: Code;
  /** Absent for issues about the row itself (`row.*`). */
  field?: FieldKey;
  /** `row.duplicate`: the line of the earlier row with the same values in every mapped column. */
  earlierRow?: number;
  related: FieldKey[];
  severity: Severity;
  message: string;
  /** The corrected value itself (a passport number, a date): patient data, like `ids`. */
  fix?: string;
}

/** A record with an error or a warning. */
export interface AuditRow {
  /** The line of the file on which the record starts (line 1 is the file's first line, as in Excel). */
  row: number;
  /** The record's position among the data rows, from 1. */
  index: number;
  /** The values of the identifying columns (`idColumns`, or the built-in list), in column order. */
  ids: string[];
  issues: AuditIssue[];
}

export interface AuditColumn {
  index: number;
  header: string;
  field?: FieldKey;
  /** Its values are copied into `ids`; it is not counted as `header.unmapped`. */
  identifying: boolean;
  /** Mapped by another name or after dropping a bracketed note (診断日 → 診断年月日): reports show it. */
  alias: boolean;
  /** An unmapped column whose header looks like one of these (`header.unrecognised`). */
  looksLike?: 'date' | 'status' | 'passport' | 'place';
}

/** A finding about the whole file, said once (never on a row). */
export interface AuditFileFinding {
  code: 'header.skipped' | 'header.missing' | 'header.unrecognised';
  severity: Severity;
  /** Names the header's line, the missing column and the checks it stops, or the column. */
  message: string;
  /** `header.missing`: the field the file has no column for. */
  field?: FieldKey;
  /** `header.missing`: the clauses of the notice that could not be checked, in the notice's order. */
  checks?: { ja: string; en: string }[];
  /** `header.unrecognised`: the column's index. */
  column?: number;
}

export interface AuditSummary {
  rows: number;
  rowsWithErrors: number;
  rowsWithWarnings: number;
  blankRows: number;
  bytes: number;
  encoding?: AuditEncoding;
  /** `header.unmapped` counts the columns with neither a field nor `identifying`. */
  counts: Partial<Record<Code, number>>;
  columns: AuditColumn[];
  /** The header's line (1-based); absent before the header is read. */
  headerLine?: number;
  /** The lines skipped above the header, the columns a check of the notice needs and the file lacks, lookalike columns. */
  fileFindings: AuditFileFinding[];
  /** Present when the file was refused (then `rows` is 0). */
  refused?: AuditRefusal;
  /** Records (not issues) with at least one finding of each code; row-level codes only. */
  affected: Partial<Record<Code, number>>;
  /** Records with at least one error or warning of each of the notice's three items (see `noticeItems()`). */
  notice: NoticeCounts;
  /** Per week (Monday to Sunday) of 診断年月日, ascending; weeks without a record are left out. */
  weeks: AuditWeek[];
  /** Records whose 診断年月日 is empty or not a date (in no week). */
  undated: number;
}

export type NoticeItem = 'passport' | 'status' | 'place';
export type NoticeCounts = Record<NoticeItem, number>;

export interface AuditWeek {
  /** The Monday, YYYY-MM-DD. */
  week: string;
  /** Records diagnosed that week. */
  rows: number;
  notice: NoticeCounts;
  affected: Partial<Record<Code, number>>;
}

export interface AuditHooks {
  /** Called once, when the header row has been read, before any `onRows`. */
  onColumns?: (columns: AuditColumn[]) => void;
  /** When it returns a promise, the audit waits for it before reading on (back-pressure). */
  onRows?: (rows: AuditRow[]) => void | Promise<unknown>;
  /**
   * The same failing rows as `onRows`, as the batch the auditor wrote: each distinct issue shape once
   * (`shapes`), the rows' issues as references to them. For callers that keep many rows (the audit
   * page stores the shapes, not an object per issue); `expandRows(batch)` gives what `onRows` gets.
   */
  onBatch?: (batch: AuditPackedBatch) => void | Promise<unknown>;
  onProgress?: (progress: { rows: number; bytes: number }) => void;
  signal?: AbortSignal;
}

export interface AuditBatch {
  /** Rows the chunk completed, failing or not. */
  rows: number;
  failing: AuditRow[];
}

/** A batch as it crosses from the module and between threads: the row count beside the JSON text. */
export interface AuditWireBatch {
  rows: number;
  json: string;
}

/**
 * An issue of a packed row: the index of its shape in `shapes`, `[index, fix]`, or, for an issue whose
 * message names its own row (`row.duplicate`), the issue written whole.
 */
export type AuditPackedIssue = number | [number, string] | AuditIssue;

export interface AuditPackedRow {
  row: number;
  index: number;
  ids: string[];
  issues: AuditPackedIssue[];
}

/** The one batch format: `readBatch` of a wire batch. */
export interface AuditPackedBatch {
  rows: number;
  failing: AuditPackedRow[];
  /** Each distinct issue (code, field, related fields, severity, message) once; no `fix`. */
  shapes: Omit<AuditIssue, 'fix' | 'earlierRow'>[];
  /** Present when the file was refused. */
  refused?: AuditRefusal;
}

/** A wire batch read: what `onBatch` gets. */
export function readBatch(wire: AuditWireBatch): AuditPackedBatch;
/** A batch's failing rows with each issue an object of its own: what `onRows` and `push` give. */
export function expandRows(batch: AuditPackedBatch): AuditRow[];

export interface Auditor {
  /**
   * Throws a TypeError for anything but a Uint8Array or an ArrayBuffer, an Error after `finish()`,
   * and an `AuditRefusedError` once the file is refused.
   */
  push(chunk: Uint8Array | ArrayBuffer): AuditBatch;
  finish(): AuditBatch;
  summary(): AuditSummary;
  /** `push` / `finish` as the wire batch (one string across the boundary, posted as is by workers); `readBatch` reads it. */
  pushBatch(chunk: Uint8Array | ArrayBuffer): AuditWireBatch;
  finishBatch(): AuditWireBatch;
  /** For the worker pools (js/audit/pool.js): on a new auditor, the offset after the header in the file's first 64 KiB, or -1. */
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
/** The notice's three items (記1 passport, 記2① status, 記2② place) and the codes whose rule cites each. */
export function noticeItems(): { item: NoticeItem; ja: string; en: string; codes: Code[] }[];
export function auditRules(): RuleInfo[];
export function auditFields(): FieldInfo[];
/** The catalogue, as `catalogue()` of the validator. */
export function auditCatalogue(): Catalogue;
/** The encodings the audit reads, with every label `encoding` accepts for each. */
export function auditEncodings(): { label: AuditEncoding; name: string; labels: string[] }[];
/** The built-in identifying headers, used when `idColumns` is absent. */
export function identifierHeaders(): string[];
export function auditStream(
  source: Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | ArrayBuffer>,
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
