export { extractFacts } from './facts';
export type { ExtractedFacts } from './facts';
export { DEFAULT_ACTION_INTENTS, DEFAULT_HUMAN_THRESHOLD, DEFAULT_ROUTING_POLICY, RULES, resolveRoutingPolicy } from './policy';
export type { RoutingPolicy, RuleName } from './policy';
export { aiSilenced, handoffPromise, holdingReply, matchRules, routeTicket, SENSITIVE_RULES, unresolvedAiTurns } from './route';
export type { SilenceRule } from './route';
