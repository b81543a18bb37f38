import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The time a run acts at, for nodes whose items carry no time of their own (a schedule's sweep, a
 * message that is not a ticket yet): the node's "At" option when set, so replays and tests pin it,
 * else now in the workflow's time zone. The only place these nodes read the clock.
 */
export function runTime(ctx: IExecuteFunctions, at: unknown): string {
	const pinned = String(at ?? '').trim();
	return pinned || (DateTime.now().setZone(ctx.getTimezone()).toISO() as string);
}
