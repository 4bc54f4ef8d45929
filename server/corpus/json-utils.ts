// Small JSON helpers shared by the JSON Lines and JSON array readers.

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short reason for a JSON.parse failure, without the input echoed back. */
export function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // NOTE: newer V8 messages quote the input (`Unexpected token 'o', "{..." is not valid JSON`); keep the head.
  const short = message
    .split(/[\n(]|, "/)[0]
    .trim()
    .slice(0, 120);
  return `invalid JSON: ${short}`;
}

/** "null", "an array", "a string", ...: what a JSON value is, for a skip reason. */
export function describeJsonKind(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
