// The API's one error mapping: domain error codes, request errors and body-parser errors to HTTP statuses, always
// answered as {"error": {"code", "message"}}. Server errors are logged, and their details never leave the process.

import { STATUS_CODES } from "node:http";

import type { ErrorRequestHandler, RequestHandler } from "express";

import type { ErrorDto } from "../contract/index.js";
import { DomainError } from "../errors.js";
import { sendJson } from "./respond.js";
import { RequestError } from "./validate.js";

/** HTTP status of each domain error code; a code not listed is a server error. */
const DOMAIN_STATUS: Record<string, number> = {
  NOT_FOUND: 404,
  READ_ONLY: 403,
};

/** body-parser's error types (`error.type`). */
const BODY_ERRORS: Record<string, { code: string; message?: string }> = {
  "entity.too.large": { code: "PAYLOAD_TOO_LARGE", message: "the request body is too large" },
  "entity.parse.failed": { code: "MALFORMED_JSON", message: "the request body is not valid JSON" },
  "entity.verify.failed": { code: "BAD_REQUEST" },
  "encoding.unsupported": { code: "UNSUPPORTED_MEDIA_TYPE", message: "unsupported content encoding" },
  "charset.unsupported": { code: "UNSUPPORTED_MEDIA_TYPE", message: "unsupported charset" },
  "request.aborted": { code: "BAD_REQUEST", message: "the request was aborted" },
  "request.size.invalid": { code: "BAD_REQUEST", message: "the request size did not match Content-Length" },
};

export interface DescribedError {
  status: number;
  code: string;
  message: string;
}

export function describeError(error: unknown): DescribedError {
  if (error instanceof RequestError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof DomainError) {
    const status = DOMAIN_STATUS[error.code];
    if (status !== undefined) return { status, code: error.code, message: error.message };
  }
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    const known = BODY_ERRORS[String((error as { type?: unknown }).type)];
    return {
      status,
      code: known?.code ?? codeOf(status),
      message: known?.message ?? STATUS_CODES[status] ?? "bad request",
    };
  }
  return { status: 500, code: "INTERNAL", message: "internal server error" };
}

export function errorHandler(logError: (error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const described = describeError(error);
    if (described.status >= 500) logError(error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // An error is not the answer the validators set before it was computed (api/respond) describe.
    res.removeHeader("ETag");
    res.removeHeader("Cache-Control");
    const body: ErrorDto = { error: { code: described.code, message: described.message } };
    sendJson(res, body, described.status);
  };
}

/** The JSON 404 for every unknown route. */
export const notFoundHandler: RequestHandler = (req, res) => {
  const path = req.path.length > 200 ? `${req.path.slice(0, 200)}…` : req.path;
  const body: ErrorDto = { error: { code: "NOT_FOUND", message: `no route ${req.method} ${path}` } };
  sendJson(res, body, 404);
};

/** 405 for a known path asked with another method. */
export function methodNotAllowed(allowed: string): RequestHandler {
  return (req, res) => {
    res.set("Allow", allowed);
    const body: ErrorDto = {
      error: { code: "METHOD_NOT_ALLOWED", message: `${req.method} is not allowed here (allowed: ${allowed})` },
    };
    sendJson(res, body, 405);
  };
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof status === "number" ? status : statusCode;
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

function codeOf(status: number): string {
  return (STATUS_CODES[status] ?? "bad request").toUpperCase().replace(/[^A-Z]+/g, "_");
}
