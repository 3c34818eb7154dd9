// Type declarations for createSchema (re-exported by hersys-validator).
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { FieldKey, Options } from './index.js';

/** What a form may hold in a 発生届 field: text, a number (read as its decimal text), a Date (in a date field), or empty. */
export type SchemaFieldValue = string | number | bigint | Date | null | undefined;

/** A form's values: the 発生届 fields by key, and any other keys, which pass through untouched. */
export type SchemaInput = { [K in FieldKey]?: SchemaFieldValue } & Record<string, unknown>;

/**
 * The values on success: the input, where a field whose normalized text
 * differs (a 和暦 date made YYYY-MM-DD, a lower-case passport number made
 * upper case) holds that string instead.
 */
export type SchemaOutput<T> = { [K in keyof T]: K extends FieldKey ? T[K] | string : T[K] };

/** The Standard Schema v1 object that `createSchema` returns. */
export interface HersysSchema<T = SchemaInput> extends StandardSchemaV1<T, SchemaOutput<T>> {
  readonly '~standard': StandardSchemaV1.Props<T, SchemaOutput<T>> & {
    readonly version: 1;
    readonly vendor: 'hersys-validator';
  };
}

/**
 * A Standard Schema v1 for a 発生届 form (react-hook-form's
 * `standardSchemaResolver`, TanStack Form's `validators`, …). Each error
 * becomes `{ message, path: [fieldKey] }` in `options.lang`; warnings and
 * notes do not fail. `validate` never throws; before `init()` has resolved it
 * starts loading and returns a Promise, afterwards it answers synchronously.
 * `T` is the form's values type, when the form has one.
 */
export function createSchema<T extends object = SchemaInput>(options?: Options): HersysSchema<T>;
