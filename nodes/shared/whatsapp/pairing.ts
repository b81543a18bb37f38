import { renderQr, writeQrPng } from './qr';
import type { PlainLogger } from './types';

/** What the trigger stores in static data and emits in manual mode while waiting for a scan. */
export interface PairingInfo {
	qr: string;
	qrDataUrl: string;
	/** PNG of the same code next to the auth folder, e.g. ~/.n8n/support247-whatsapp/default-qr.png. */
	qrFile: string;
	createdAt: string;
	instructions: string;
}

export const PAIRING_INSTRUCTIONS =
	'Open WhatsApp on the phone → Settings → Linked devices → Link a device, and scan this code. It changes every ~20 seconds; the newest one is always in the PNG file and the n8n log.';

/** Makes a pairing QR visible everywhere a self-hosted user may look: the n8n log, a PNG file, and the returned data URL. */
export async function showQr(qr: string, logger: PlainLogger, qrFile: string, now: () => Date): Promise<PairingInfo> {
	const rendered = await renderQr(qr);
	logger.info(`WhatsApp pairing needed. ${PAIRING_INSTRUCTIONS} PNG: ${qrFile}\n${rendered.terminal}`);
	try {
		await writeQrPng(qrFile, rendered.dataUrl);
	} catch (error) {
		logger.warn(`Could not write the WhatsApp QR code to ${qrFile}: ${(error as Error).message}`);
	}
	return { qr, qrDataUrl: rendered.dataUrl, qrFile, createdAt: now().toISOString(), instructions: PAIRING_INSTRUCTIONS };
}
