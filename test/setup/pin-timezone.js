// Tests pin the process zone so that nothing passes only on the author's machine.
process.env.TZ = 'America/Mexico_City';
