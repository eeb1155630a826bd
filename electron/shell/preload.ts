// The desktop window's preload (sandboxed, context-isolated): it exposes the contract's IPC
// transport to the page as `window.ferryBridge`, and nothing else — no Node, no ipcRenderer.
// Bundled into one CommonJS file (scripts/bundle-desktop.mjs), as a sandboxed preload must be.

import { contextBridge, ipcRenderer } from 'electron';
import { callNamesFromMain, ipcBridge } from './preload-bridge.js';

contextBridge.exposeInMainWorld('ferryBridge', ipcBridge(ipcRenderer, callNamesFromMain(ipcRenderer)));
