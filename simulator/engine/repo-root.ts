import path from 'node:path';

/** The package root, from src (ts-jest) or from dist/. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..'] : []));
