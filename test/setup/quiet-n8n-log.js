// Bad-input tests make nodes fail on purpose; n8n's logger would print each expected failure as a console
// block. The tests assert on the failures themselves (and test/workflow/engine.test.ts on what n8n logs).
// Set N8N_LOG_LEVEL to see n8n's log while debugging.
process.env.N8N_LOG_LEVEL ??= 'silent';
