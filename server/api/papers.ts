// GET /api/papers/:id (one paper) and GET /api/papers/:id/related?k= (its related papers, explained).
// Ids are path segments: ids with spaces, slashes or non-ASCII characters arrive percent-encoded.

import { Router } from "express";

import { methodNotAllowed } from "./error-handler.js";
import { sendAnswer, type JsonAnswers } from "./json-answers.js";

export function papersRouter(answers: JsonAnswers): Router {
  const router = Router();
  router.route("/:id").get(sendAnswer(answers.paper)).all(methodNotAllowed("GET, HEAD"));
  router.route("/:id/related").get(sendAnswer(answers.paperRelated)).all(methodNotAllowed("GET, HEAD"));
  return router;
}
