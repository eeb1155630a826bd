// Which compiled better-sqlite3 the desktop app loads. Node (tests, the CLI, the server, `ferry
// web`) loads the build `npm ci` made in node_modules; Electron has another ABI, so the app loads
// a separate build made for it by `npm run native:electron` (scripts/native-electron.mjs) into
// build/native/electron/, shipped by electron-builder as resources/native/. Neither build ever
// replaces the other (docs/native-modules.md). Pure: paths and the check of what the build is for.

import { join } from 'node:path';

export const addonFile = 'better_sqlite3.node';
export const builtForFile = 'built-for.json';

export interface AddonPlace {
  packaged: boolean;
  /** process.resourcesPath in the installed app. */
  resourcesPath: string;
  /** The checkout (where package.json is) when run from it. */
  appRoot: string;
}

/** The folder holding the Electron build of the addon and its built-for.json. */
export function electronAddonDir(place: AddonPlace): string {
  return place.packaged ? join(place.resourcesPath, 'native') : join(place.appRoot, 'build', 'native', 'electron');
}

export interface BuiltFor {
  electron: string;
  /** NODE_MODULE_VERSION of that Electron (process.versions.modules). */
  modules: string;
  platform: string;
  arch: string;
}

/** Why the addon in `dir` cannot be loaded by this Electron, in a sentence; null when it can. */
export function addonProblem(builtFor: BuiltFor | null, running: BuiltFor): string | null {
  const remedy = 'Run `npm run native:electron` in the Ferry checkout (it needs Electron’s headers, from the network or FERRY_ELECTRON_HEADERS), then start again.';
  if (builtFor === null) return `The database module has not been built for Electron ${running.electron} yet. ${remedy}`;
  if (builtFor.platform !== running.platform || builtFor.arch !== running.arch) {
    return `The database module was built for ${builtFor.platform}-${builtFor.arch}, and this is ${running.platform}-${running.arch}. ${remedy}`;
  }
  if (builtFor.modules !== running.modules) {
    return `The database module was built for Electron ${builtFor.electron} (ABI ${builtFor.modules}), and this is Electron ${running.electron} (ABI ${running.modules}). ${remedy}`;
  }
  return null;
}
