// Runs the bundled CLI (ferry.mjs, beside this file in the installed app's resources/cli/).
const { main } = await import('./ferry.mjs');
await main();
