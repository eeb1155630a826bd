// Test support: a Node module hook (`node --import` registers it) that resolves `electron` to the
// stand-in named by FAKE_ELECTRON_URL (fake-electron.ts, compiled), so the desktop main process
// runs in plain Node.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: process.env.FAKE_ELECTRON_URL, shortCircuit: true, format: 'module' };
  return next(specifier, context);
}
