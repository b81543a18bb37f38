/**
 * A real, throw-away Dovecot IMAP server on a free loopback port, for integration tests.
 * Runs in the foreground (-F) as a child of the test process, with its own base_dir, log file,
 * passwd-file users and maildirs under a temp folder, so stop() leaves nothing behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { createConnection } from 'net';
import { freePort } from './free-port';
import { tmpdir, userInfo } from 'os';
import { join } from 'path';
import { findDovecot } from './prerequisites';

export interface DovecotServer {
	host: string;
	port: number;
	dir: string;
	users: Record<string, string>;
	/** Drops a message into a user's maildir, as a local delivery agent would; works while stopped. */
	deliver(user: string, raw: string | Buffer): void;
	/** Stops the server (connections are cut) and keeps the mail. */
	stop(): Promise<void>;
	/** Starts it again on the same port with the same mail. */
	start(): Promise<void>;
	/** Stops for good and deletes the temp folder. */
	destroy(): Promise<void>;
	log(): string;
}

export { freePort };

/** Resolves once the server sends its IMAP greeting. */
async function waitForGreeting(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`dovecot exited with code ${child.exitCode}`);
		const ok = await new Promise<boolean>((resolve) => {
			const socket = createConnection({ host: '127.0.0.1', port });
			socket.setTimeout(1000);
			socket.once('data', (data) => {
				socket.destroy();
				resolve(data.toString().startsWith('* OK'));
			});
			socket.once('error', () => resolve(false));
			socket.once('timeout', () => {
				socket.destroy();
				resolve(false);
			});
		});
		if (ok) return;
		if (Date.now() > deadline) throw new Error(`dovecot did not greet on port ${port} within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

function accounts(): { login: string; internal: string; mailUser: string; mailGroup: string; uid: number; gid: number } {
	if (process.getuid?.() === 0) {
		// As root, Dovecot insists on dropping privileges: its packaged users for the login and
		// internal processes, nobody for the mail files (it refuses UID 0 for mail access).
		const nobody = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim();
		const nogroup = spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim();
		return { login: 'dovenull', internal: 'dovecot', mailUser: 'nobody', mailGroup: nogroup, uid: Number(nobody), gid: Number(nogroup) };
	}
	const me = userInfo();
	return { login: me.username, internal: me.username, mailUser: me.username, mailGroup: String(me.gid), uid: me.uid, gid: me.gid };
}

function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
	try {
		if (proc.pid) process.kill(-proc.pid, signal);
	} catch {
		// already gone
	}
}

export async function startDovecot(users: Record<string, string> = { support: 'secret' }): Promise<DovecotServer> {
	const binary = findDovecot();
	if (!binary) throw new Error('dovecot is not installed (apt-get install -y dovecot-imapd)');
	const dir = mkdtempSync(join(tmpdir(), 'support247-dovecot-'));
	chmodSync(dir, 0o755); // the unprivileged login and mail processes must reach their files
	const port = await freePort();
	const account = accounts();
	const isRoot = process.getuid?.() === 0;

	mkdirSync(join(dir, 'mail'));
	for (const user of Object.keys(users)) {
		for (const sub of ['', 'cur', 'new', 'tmp']) mkdirSync(join(dir, 'mail', user, sub), { recursive: true });
	}
	if (isRoot) spawnSync('chown', ['-R', `${account.uid}:${account.gid}`, join(dir, 'mail')]);
	writeFileSync(join(dir, 'users'), Object.entries(users).map(([user, password]) => `${user}:{PLAIN}${password}::::::\n`).join(''), { mode: 0o644 });

	const config = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = support247-test-${port}
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
debug_log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_trusted_networks = 127.0.0.0/8
default_login_user = ${account.login}
default_internal_user = ${account.internal}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
mail_uid = ${account.mailUser}
mail_gid = ${account.mailGroup}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${account.mailUser} gid=${account.mailGroup} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    user = ${account.internal}
  }
  unix_listener stats-writer {
    user = ${account.internal}
  }
}
`;
	const configPath = join(dir, 'dovecot.conf');
	writeFileSync(configPath, config, { mode: 0o644 });

	let child: ChildProcess | undefined;
	let stderr = '';
	let deliveries = 0;

	const start = async (): Promise<void> => {
		stderr = '';
		// Its own process group, so stop() can signal the per-connection imap processes too:
		// the master alone waits for them, and a "restart" would then keep clients connected.
		const proc = spawn(binary, ['-F', '-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
		proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child = proc;
		try {
			await waitForGreeting(port, proc, 60_000);
		} catch (error) {
			signalGroup(proc, 'SIGKILL');
			throw new Error(`${(error as Error).message}\n${stderr}\n${server.log()}`);
		}
	};

	const stop = async (): Promise<void> => {
		const proc = child;
		child = undefined;
		if (!proc || proc.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
		signalGroup(proc, 'SIGTERM');
		const timer = setTimeout(() => signalGroup(proc, 'SIGKILL'), 5000);
		await exited;
		clearTimeout(timer);
	};

	const server: DovecotServer = {
		host: '127.0.0.1',
		port,
		dir,
		users,
		deliver(user, raw) {
			if (!users[user]) throw new Error(`unknown mailbox user "${user}"`);
			// Maildir delivery: write to tmp/, then rename into new/ so Dovecot never sees half a file.
			const name = `${Date.now()}.P${process.pid}Q${++deliveries}R${randomBytes(4).toString('hex')}.support247-test`;
			const tmpPath = join(dir, 'mail', user, 'tmp', name);
			writeFileSync(tmpPath, typeof raw === 'string' ? raw.replace(/\r?\n/g, '\n') : raw, { mode: 0o644 });
			if (isRoot) chownSync(tmpPath, account.uid, account.gid);
			renameSync(tmpPath, join(dir, 'mail', user, 'new', name));
		},
		stop,
		start,
		async destroy() {
			await stop();
			rmSync(dir, { recursive: true, force: true });
		},
		log: () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : ''),
	};

	await start();
	return server;
}
