// The desktop app's id (electron-builder's appId, Windows' AppUserModelID, macOS's bundle id):
// written here once; packaging.test.ts checks electron-builder.yml says the same.
export const appId = 'app.ferrynotes.desktop';
