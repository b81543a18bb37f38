import QRCode from 'qrcode';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface RenderedQr {
	/** The raw pairing string WhatsApp sent. */
	qr: string;
	/** Block-character rendering for logs and terminals. */
	terminal: string;
	/** PNG as a data URL, for the editor and static data. */
	dataUrl: string;
}

export async function renderQr(qr: string): Promise<RenderedQr> {
	const [terminal, dataUrl] = await Promise.all([
		QRCode.toString(qr, { type: 'terminal', small: true }),
		QRCode.toDataURL(qr, { margin: 2, scale: 4 }),
	]);
	return { qr, terminal, dataUrl };
}

/** Writes the PNG so a user of a headless n8n can open it (e.g. over SFTP) and scan it. */
export async function writeQrPng(file: string, dataUrl: string): Promise<void> {
	await mkdir(path.dirname(file), { recursive: true });
	await writeFile(file, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}

export async function removeQrPng(file: string): Promise<void> {
	await rm(file, { force: true });
}
