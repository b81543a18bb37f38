#!/usr/bin/env node
'use strict';
// Checked before anything else loads: the engine is n8n 2.x (n8n-core), which runs on Node.js 24.
const NEEDED = 24;
const major = Number(process.versions.node.split('.')[0]);
if (!(major >= NEEDED)) {
	process.stderr.write(`support-sim: needs Node.js ${NEEDED} or later (the n8n 2.x engine it runs requires it); this is Node.js ${process.versions.node}\n`);
	process.exit(1);
}
// The simulator ships in the node package; this package adds the engine it runs on.
require('n8n-nodes-support247/dist/simulator/cli.js')
	.main(process.argv)
	.then((code) => {
		process.exitCode = code;
	});
