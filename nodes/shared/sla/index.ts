export { DEFAULT_SLA_POLICY, PRIORITIES, normalizePriority, parseSlaPolicy } from './policy';
export type { SlaPolicy, SlaTarget } from './policy';
export { annotateSla, checkSla, slaStart, ticketPriority, wakeAt } from './sla';
export type { CheckOptions, SlaCheck, SlaOptions, SlaState, SlaTargetKind } from './sla';
