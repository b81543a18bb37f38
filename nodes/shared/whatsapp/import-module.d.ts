/** A real dynamic import() from CommonJS (see import-module.js). */
export declare function importModule(specifier: string): Promise<unknown>;
