export { describeWhen, describeWhenIso } from './describeWhen';
export { firstName, greetTicket, isFirstContact, ticketLanguage, ticketTime } from './greet';
export type { GreetOptions } from './greet';
