import type { z } from 'zod';
import type { Keyring } from './crypto.ts';

import type { SealedPlace } from '../core/module.ts';

export type { SealedPlace };

/** A sealed column and the type of its plaintext: seal takes a T, open gives back a checked T. */
export interface SealedColumn<T> extends SealedPlace {
  // Methods, not function properties: a column of any T then fits the lists of SealedPlace and SealedColumn<unknown>.
  encode(value: T): string;
  decode(plaintext: string): T;
}

interface Declaration<P> extends SealedPlace {
  /** `'text'`: the string itself; a schema: JSON, checked by the schema when opened. */
  readonly plaintext: P;
}

export class SealedValueError extends Error {}

export function sealedColumn(d: Declaration<'text'>): SealedColumn<string>;
export function sealedColumn<S extends z.ZodType>(d: Declaration<S>): SealedColumn<z.output<S>>;
export function sealedColumn(d: Declaration<'text' | z.ZodType>): SealedColumn<unknown> {
  const place = { table: d.table, idColumn: d.idColumn, column: d.column, context: d.context };
  const schema = d.plaintext;
  if (schema === 'text') return { ...place, encode: String, decode: (text) => text };
  return { ...place, encode: (value) => JSON.stringify(value), decode: (text) => parseStored(place, schema, text) };
}

function parseStored(place: SealedPlace, schema: z.ZodType, text: string): unknown {
  const parsed = schema.safeParse(JSON.parse(text));
  // The issues are not passed on: their messages may quote the plaintext.
  if (!parsed.success) throw new SealedValueError(`${place.table}.${place.column} holds a value of another shape`);
  return parsed.data;
}

export function seal<T>(keyring: Keyring, column: SealedColumn<T>, value: T): string {
  return keyring.encrypt(column.encode(value), column.context);
}

export function open<T>(keyring: Keyring, column: SealedColumn<T>, ciphertext: string): T {
  return column.decode(keyring.decrypt(ciphertext, column.context));
}

/** Re-encrypts under the current key without reading the plaintext's shape, so rotation never refuses an old value. */
export function reseal(keyring: Keyring, place: SealedPlace, ciphertext: string): string {
  return keyring.encrypt(keyring.decrypt(ciphertext, place.context), place.context);
}
