const path = require('path');

module.exports = async () => {
	process.env.TZ = 'America/Mexico_City';
	// n8n-core writes an encryption key under N8N_USER_FOLDER; keep it inside the ignored .n8n-local folder.
	process.env.N8N_USER_FOLDER = path.resolve(__dirname, '../../.n8n-local/test');
};
