/**
 * Cost and ROI assumptions. Defaults follow the seed guide's premiums for human cover:
 * night +30–50 %, weekend +50–100 %, holidays +100–150 % (the middle of each range is used),
 * and 4–5 FTE to staff one seat 24/7. Every figure can be overridden with --cost key=value.
 */
export interface CostModel {
	currency: string;
	agentHourlyRate: number;
	handleMinutes: number;
	nightPremium: number;
	weekendPremium: number;
	holidayPremium: number;
	/** Night is [nightStartHour, nightEndHour) in the business zone. */
	nightStartHour: number;
	nightEndHour: number;
	aiCostPerTicket: number;
	fteFor24x7: number;
	fteMonthlyCost: number;
	/** Minutes from a ticket reaching a human queue (or the next opening) to a human's first response. */
	humanFirstResponseMinutes: number;
	onCallFirstResponseMinutes: number;
}

export const DEFAULT_COST_MODEL: CostModel = {
	currency: 'USD',
	agentHourlyRate: 12,
	handleMinutes: 8,
	nightPremium: 0.4,
	weekendPremium: 0.75,
	holidayPremium: 1.25,
	nightStartHour: 22,
	nightEndHour: 6,
	aiCostPerTicket: 0,
	fteFor24x7: 4.5,
	fteMonthlyCost: 1800,
	humanFirstResponseMinutes: 30,
	onCallFirstResponseMinutes: 15,
};

export function parseCostOverrides(pairs: string[], base: CostModel = DEFAULT_COST_MODEL): CostModel {
	const model: CostModel = { ...base };
	for (const pair of pairs) {
		const eq = pair.indexOf('=');
		const key = pair.slice(0, eq).trim() as keyof CostModel;
		if (eq < 1 || !(key in model)) {
			throw new Error(`--cost "${pair}": unknown key; known: ${Object.keys(model).join(', ')}`);
		}
		const raw = pair.slice(eq + 1).trim();
		if (key === 'currency') model.currency = raw;
		else {
			const value = Number(raw);
			if (!Number.isFinite(value) || value < 0) throw new Error(`--cost "${pair}": ${key} must be a non-negative number`);
			(model[key] as number) = value;
		}
	}
	return model;
}

export type Period = 'holiday' | 'weekend' | 'night' | 'day';

export function premiumFor(period: Period, model: CostModel): number {
	if (period === 'holiday') return model.holidayPremium;
	if (period === 'weekend') return model.weekendPremium;
	if (period === 'night') return model.nightPremium;
	return 0;
}

/** Cost of a human handling one ticket that arrived in the given period. */
export function humanTicketCost(period: Period, model: CostModel): number {
	return (model.handleMinutes / 60) * model.agentHourlyRate * (1 + premiumFor(period, model));
}
