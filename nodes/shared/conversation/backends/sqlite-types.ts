/** The part of node:sqlite (Node 22.5+, stable in n8n's Node 24) the SQLite backend uses; @types/node 20 has no types for it. */
export interface StatementSync {
	run(...params: unknown[]): { changes: number | bigint };
	get(...params: unknown[]): Record<string, unknown> | undefined;
	all(...params: unknown[]): Array<Record<string, unknown>>;
}

export interface DatabaseSync {
	exec(sql: string): void;
	prepare(sql: string): StatementSync;
	close(): void;
}
