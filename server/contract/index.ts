// The API's contract, defined once: request and response shapes as zod schemas, their types (z.infer), the request
// limits, the endpoint table and the OpenAPI document generated from them. The client imports types only.

export * from "./limits.js";
export * from "./requests.js";
export * from "./responses.js";
export {
  ENDPOINTS,
  PAPER_DOWNLOADS,
  type Answer,
  type Endpoint,
  type ErrorStatus,
  type PaperDownloadFormat,
} from "./endpoints.js";
export { openApiDocument } from "./openapi.js";
