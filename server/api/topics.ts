// GET /api/topics?limit=: the main topics (papers' top topics) with how many papers carry each, most common first;
// GET /api/topics/:term/papers?limit=&offset=: every paper whose title or abstract contains a topic, heaviest first.

import { Router } from "express";

import { methodNotAllowed } from "./error-handler.js";
import { sendAnswer, type JsonAnswers } from "./json-answers.js";

export function topicsRouter(answers: JsonAnswers): Router {
  const router = Router();
  router.route("/").get(sendAnswer(answers.topics)).all(methodNotAllowed("GET, HEAD"));
  router.route("/:term/papers").get(sendAnswer(answers.topicPapers)).all(methodNotAllowed("GET, HEAD"));
  return router;
}
