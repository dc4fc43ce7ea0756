// The one contract with the n8n nodes (custom-nodes/nodes/shared/contract.ts), which both packages compile
// against: claim items, pool entries, send results, inbound events, watch reports, and the limits. The control
// plane imports it from here; its zod schemas are checked against these types (see `accepts` below and the
// `satisfies` on the response schemas), so a field changed in the contract fails this build until it follows.
export * from '../../../../custom-nodes/nodes/shared/contract.js';

/** A type without its index signatures (`.loose()` schemas add `[key: string]: unknown`), at every depth. */
type KnownFields<T> = T extends readonly (infer Element)[]
  ? KnownFields<Element>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : number extends K ? never : K]: KnownFields<T[K]> }
    : T;

/**
 * Compile-time proof that a request schema accepts every value of the contract's type: `true` when
 * `Sent` (what the nodes post) is assignable to the schema's input, `never` otherwise, so
 * `accepts<z.input<typeof schema>, Contract>(true)` stops compiling when a field drifts. Lenient
 * (`.loose()`) schemas are compared on their named fields; the tuple stops the check distributing
 * over a union (every member must be accepted).
 */
export type Accepts<SchemaInput, Sent> = [Sent] extends [KnownFields<SchemaInput>] ? true : never;

/** Pass `true`: compiles only when `Accepts<SchemaInput, Sent>` holds. Costs nothing at run time. */
export function accepts<SchemaInput, Sent>(proof: Accepts<SchemaInput, Sent>): void {
  void proof;
}
