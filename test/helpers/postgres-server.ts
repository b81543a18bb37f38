/**
 * A throw-away PostgreSQL cluster on loopback, from the Debian package: initdb into a temp folder,
 * pg_ctl start on a free port. Used by the conversation store's integration tests and by the queue-mode
 * end-to-end cluster (test/e2e/helpers/queue-cluster.ts). halt() and resume() stop and restart the same
 * cluster, as a database that goes away in the middle of a run and comes back.
 */
import { spawnSync } from 'child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { freePort } from './free-port';
import { tmpdir } from 'os';
import { join } from 'path';
import { assertInstalled, postgresBinDir as findPostgresBinDir } from './prerequisites';

const HOST = '127.0.0.1';
const isRoot = process.getuid?.() === 0;

function postgresBinDir(): string {
	assertInstalled('postgresql');
	return findPostgresBinDir() as string;
}


/** PostgreSQL refuses to run as root: as root its tools run as the postgres OS user, otherwise as ourselves. */
function asPostgresUser(command: string, args: string[]): string {
	const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
	const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 300_000 });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
	return result.stdout;
}

function postgresIds(): { uid: number; gid: number } {
	const out = spawnSync('id', ['postgres'], { encoding: 'utf8' }).stdout;
	const uid = /uid=(\d+)/.exec(out)?.[1];
	const gid = /gid=(\d+)/.exec(out)?.[1];
	if (!uid || !gid) throw new Error('no postgres OS user: apt-get install -y postgresql');
	return { uid: Number(uid), gid: Number(gid) };
}

export class Postgres {
	readonly host = HOST;
	readonly database = 'n8n';
	readonly user = 'postgres';
	readonly password = 'support247-e2e';
	private constructor(
		readonly port: number,
		private readonly dataDir: string,
		private readonly rootDir: string,
		private readonly bin: string,
		private readonly options: string,
	) {}

	/** initdb into a temp folder owned by the postgres OS user, then pg_ctl start on 127.0.0.1:port. */
	static async start(): Promise<Postgres> {
		const bin = postgresBinDir();
		const rootDir = mkdtempSync(join(tmpdir(), 'support247-pg-'));
		chmodSync(rootDir, 0o755);
		const dataDir = join(rootDir, 'data');
		const socketDir = join(rootDir, 'sock');
		mkdirSync(dataDir);
		mkdirSync(socketDir);
		if (isRoot) {
			const { uid, gid } = postgresIds();
			for (const dir of [dataDir, socketDir]) chownSync(dir, uid, gid);
		}
		asPostgresUser(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
		const port = await freePort();
		// Durability is not under test; fsync off keeps the disk out of the throughput figures.
		const options = `-p ${port} -k ${socketDir} -h ${HOST} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
		const pg = new Postgres(port, dataDir, rootDir, bin, options);
		pg.resume();
		pg.psql(`CREATE DATABASE ${pg.database}`, 'postgres');
		return pg;
	}

	/** A pg pool config (and n8n Postgres credential fields) for this cluster's database. */
	get connection(): { host: string; port: number; database: string; user: string; password: string } {
		return { host: HOST, port: this.port, database: this.database, user: this.user, password: this.password };
	}

	/** Starts the cluster (again, after halt()) on the same port with the same data. */
	resume(): void {
		asPostgresUser(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-o', this.options, '-l', join(this.dataDir, 'postgres.log'), '-w', '-t', '180', 'start']);
	}

	/**
	 * Stops the server (its connections are cut at once), keeping the data for resume(). A fast shutdown,
	 * not an immediate one: with synchronous_commit off an immediate stop would lose the last commits.
	 */
	halt(): void {
		asPostgresUser(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
	}

	/** Runs SQL through psql; returns unaligned rows ("a|b|c" per line). */
	psql(sql: string, database = this.database): string[] {
		const result = spawnSync(join(this.bin, 'psql'), ['-h', HOST, '-p', String(this.port), '-U', this.user, '-d', database, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
			encoding: 'utf8',
			timeout: 120_000,
			maxBuffer: 256 * 1024 * 1024,
		});
		if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
		return result.stdout.split('\n').filter((line) => line.length > 0);
	}

	async stop(): Promise<void> {
		try {
			asPostgresUser(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
		} catch {
			// already stopped
		}
		if (!process.env.N8N_E2E_KEEP) rmSync(this.rootDir, { recursive: true, force: true });
	}
}
