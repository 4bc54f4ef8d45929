// Request validation at the edge: a zod schema per input, the parsed value returned (and used), a 400 otherwise.

import type { z } from "zod";

/** A request the API refuses before it reaches the domain; `status` and `code` go into the JSON error. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

/** `schema`'s parse of `input` (path parameters, query or body); RequestError 400 naming the first bad field. */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: "path" | "query" | "body",
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join(".") : where;
  const message = issue.message.startsWith(`${field} `) ? issue.message : `${field}: ${issue.message}`;
  throw new RequestError(400, where === "body" ? "INVALID_BODY" : "INVALID_PARAMETER", message);
}
