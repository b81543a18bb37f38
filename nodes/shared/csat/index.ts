export { parseCsat } from './parse';
export { csatQuestion, type CsatChannel, type CsatChoice, type CsatQuestion, type CsatQuestionOptions } from './question';
