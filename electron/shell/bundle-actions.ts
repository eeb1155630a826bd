// The desktop app's bundle actions — a `.ferry` file opened from a file manager (imported after a
// confirmation), the menu's Import bundle… and Export bundle… — over the app's own contract calls
// and the system's dialogs. The dialogs are passed in (Electron's `dialog` in the app, a script in
// tests), so every path through these actions is tested without Electron.

import type { CallHandlers } from '../host/serve-call.js';
import { proposedBundleName } from '../../shared/bundle.js';
import { toErrorData } from '../../shared/errors.js';
import { bundleExtension } from './bundle-arguments.js';
import { confirmImportWords, exportedWords, failedWords, importedWords, type MessageWords } from './dialog-words.js';

/** The few dialogs the actions use, shaped as Electron's `dialog` methods answer. */
export interface Dialogs {
  /** Returns the index of the button chosen. */
  ask(words: MessageWords & { buttons: string[]; kind: 'question' | 'info' | 'error' }): Promise<number>;
  openFile(options: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  openFolder(options: { title: string }): Promise<string | null>;
  saveFile(options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
}

type Handlers = Pick<CallHandlers, 'importBundle' | 'exportBundle' | 'peers' | 'settings'>;

export const bundleFilter = [{ name: 'Ferry bundles', extensions: [bundleExtension.slice(1)] }];

export interface BundleOutcome {
  done: boolean;
}

export class BundleActions {
  constructor(
    private readonly handlers: Handlers,
    private readonly dialogs: Dialogs,
  ) {}

  /** A bundle the system handed to the app: asks first, then imports all of it or nothing, and says what happened. */
  async openedFromOutside(path: string): Promise<BundleOutcome> {
    const words = confirmImportWords(path);
    const choice = await this.dialogs.ask({ ...words, kind: 'question' });
    if (choice !== 0) return { done: false };
    return this.importFile(path);
  }

  /** Import bundle…: the user picks the file, so no second question. */
  async chooseAndImport(): Promise<BundleOutcome> {
    const path = await this.dialogs.openFile({ title: 'Import a bundle', filters: bundleFilter });
    if (path === null) return { done: false };
    return this.importFile(path);
  }

  /** Export bundle…: for one device (what it lacks) or everything, then where to save it. */
  async chooseAndExport(today: string): Promise<BundleOutcome> {
    const peers = (await this.handlers.peers({})).filter((p) => !p.self && p.behind !== null && p.behind > 0).slice(0, 3);
    const settings = await this.handlers.settings({});
    const buttons = ['Everything', ...peers.map((p) => `What ${p.deviceName ?? p.replicaId.slice(0, 8)} lacks`), 'Cancel'];
    const choice = await this.dialogs.ask({
      title: 'Export a bundle',
      message: 'Which notes should the bundle carry?',
      detail:
        peers.length === 0
          ? 'Everything in your journal. (No other device is known to be behind: a bundle for one appears here once it has synced or exchanged a bundle with this one.)'
          : 'Everything in your journal, or only what one device does not have yet (a smaller file).',
      buttons,
      kind: 'question',
    });
    if (choice < 0 || choice >= buttons.length - 1) return { done: false };
    const peer = choice === 0 ? undefined : peers[choice - 1];
    const name = proposedBundleName(settings.deviceName, today, peer === undefined ? undefined : (peer.deviceName ?? peer.replicaId.slice(0, 8)));
    const path = await this.dialogs.saveFile({ title: 'Save the bundle', defaultPath: name, filters: bundleFilter });
    if (path === null) return { done: false };
    try {
      const made = await this.handlers.exportBundle(peer === undefined ? { path } : { path, peer: peer.replicaId });
      await this.dialogs.ask({ ...exportedWords(made), buttons: ['OK'], kind: 'info' });
      return { done: true };
    } catch (error) {
      await this.dialogs.ask({ ...failedWords('export', path, toErrorData(error)), buttons: ['OK'], kind: 'error' });
      return { done: false };
    }
  }

  private async importFile(path: string): Promise<BundleOutcome> {
    try {
      const result = await this.handlers.importBundle({ path });
      await this.dialogs.ask({ ...importedWords(path, result), buttons: ['OK'], kind: 'info' });
      return { done: true };
    } catch (error) {
      await this.dialogs.ask({ ...failedWords('import', path, toErrorData(error)), buttons: ['OK'], kind: 'error' });
      return { done: false };
    }
  }
}
