export { parseCsat } from './parse';
export { csatQuestion, type CsatChannel, type CsatChoice, type CsatQuestion, type CsatQuestionOptions } from './question';
export { csatSend, type CsatSend } from './ask';
export { csatOutcome, LOW_SCORE, type CsatAnswerContext, type CsatOutcome } from './answer';
export { csatAwaiting, DEFAULT_AWAIT_RULES, type CsatAwaitRules } from './awaiting';
export { readCsatAnswer, type ReadAnswerInput, type ReadAnswerResult } from './read';
