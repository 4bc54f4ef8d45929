// GET /api/search?q=&limit=: papers whose title or abstract hold every word of the query (title matches first),
// and topics for suggestions.

import { Router } from "express";

import { methodNotAllowed } from "./error-handler.js";
import { sendAnswer, type JsonAnswers } from "./json-answers.js";

export function searchRouter(answers: JsonAnswers): Router {
  const router = Router();
  router.route("/").get(sendAnswer(answers.search)).all(methodNotAllowed("GET, HEAD"));
  return router;
}
