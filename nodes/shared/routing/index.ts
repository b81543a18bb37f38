export { extractFacts } from './facts';
export type { ExtractedFacts } from './facts';
export { DEFAULT_ACTION_INTENTS, DEFAULT_ROUTING_POLICY, RULES, resolveRoutingPolicy } from './policy';
export type { RoutingPolicy, RuleName } from './policy';
export { aiSilenced, handoffPromise, holdingReply, matchRules, routeTicket, unresolvedAiTurns } from './route';
export type { SilenceRule } from './route';
