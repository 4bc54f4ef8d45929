// GET /api/search?q=&limit=&offset=: a page of the papers whose title or abstract hold every word of the query, ranked
// (query/search-index), with how many match; and topics for suggestions.

import { Router } from "express";

import { methodNotAllowed } from "./error-handler.js";
import { sendAnswer, type JsonAnswers } from "./json-answers.js";

export function searchRouter(answers: JsonAnswers): Router {
  const router = Router();
  router.route("/").get(sendAnswer(answers.search)).all(methodNotAllowed("GET, HEAD"));
  return router;
}
