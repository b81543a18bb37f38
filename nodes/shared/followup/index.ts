export { followUpMessage, type FollowUpMessage, type FollowUpOptions } from './message';
export { FOLLOW_UP_WORDS, type FollowUpWords } from './words';
