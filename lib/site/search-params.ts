/** A search parameter as one string: Next gives an array when the name repeats; the first one counts. */
export const firstParam = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
