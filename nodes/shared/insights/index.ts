export { findKnowledgeGaps, DEFAULT_GAP_OPTIONS } from './gaps';
export { clusterVectors, centroidOf, type ClusterSettings } from './cluster';
export { draftEntry, representativeAnswer, asQuestion } from './drafts';
export { topicTerms, MAX_TEXT } from './vectors';
export type { GapAnalysis, GapOptions, GapReason, GapTicket, GapTopic, DraftEntry, NearestEntry } from './types';
export { gapTicketFromItem, isPolicyEscalation, gapReason, type TicketFields } from './from-ticket';
export { buildReport, buildDashboard, reportWindow, REPORT_WINDOWS, CSAT_TARGETS, type ReportFigures, type ReportOptions, type ReportWindowName, type ReportGap, type ReportSuggestion, type ReasonCount, type Mean } from './report';
export { renderReportHtml, reportSubject, type ReportHtmlOptions } from './render/report-html';
export { renderDashboardHtml, type DashboardHtmlOptions } from './render/dashboard-html';
