#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'simulator', 'cli.js');
if (!fs.existsSync(cli)) {
	process.stderr.write('support-sim: error: the package is not built yet; run "npm run build" first\n');
	process.exit(1);
}
require(cli)
	.main(process.argv)
	.then((code) => {
		process.exitCode = code;
	});
