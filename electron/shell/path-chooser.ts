// The system's file dialogs behind the contract's choosePath (Settings' "Choose…" buttons in the
// desktop app): a bundle to import, where to save one, an exchange folder. Over the same Dialogs
// as the menu's bundle actions, so it is tested with scripted dialogs.

import type { PathPurpose } from '../../shared/app-contract.js';
import type { PathChooser } from '../host/app-service.js';
import { bundleExtension } from './bundle-arguments.js';
import { bundleFilter, type Dialogs } from './bundle-actions.js';

export function dialogPathChooser(dialogs: Pick<Dialogs, 'openFile' | 'saveFile' | 'openFolder'>): PathChooser {
  return {
    choose(purpose: PathPurpose, suggestedName: string | undefined) {
      switch (purpose) {
        case 'importBundle':
          return dialogs.openFile({ title: 'Choose a bundle to import', filters: bundleFilter });
        case 'exportBundle':
          return dialogs.saveFile({ title: 'Save the bundle', defaultPath: suggestedName ?? `ferry${bundleExtension}`, filters: bundleFilter });
        case 'exchangeFolder':
          return dialogs.openFolder({ title: 'Choose an exchange folder (on a USB stick, or a folder your devices share)' });
      }
    },
  };
}
