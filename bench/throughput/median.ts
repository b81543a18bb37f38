/** The middle of a few timed rounds (the upper one of an even count): what the bench reports of alternated runs. */
export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
