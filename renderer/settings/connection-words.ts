// What Settings' "Test connection" says: what saving this server and token would do for this
// device, in words, and whether that is a problem to fix before saving (the token opens nothing
// this device can sync).

import type { CallResult } from '../../shared/app-contract.js';
import { count } from '../../shared/count.js';

export function connectionWords(result: CallResult<'testConnection'>): { text: string; problem: boolean } {
  const other = result.journalId?.slice(0, 8) ?? '';
  switch (result.outcome) {
    case 'holds':
      return { text: `Connected: the server holds this journal (${count(result.versions, 'version')})`, problem: false };
    case 'creates':
      return { text: 'Connected: the server takes this journal on the first sync', problem: false };
    case 'joins':
      return {
        text:
          result.versions === 0
            ? `Connected: save, and this device joins journal ${other}, which the server holds nothing of yet`
            : `Connected: save, and this device joins journal ${other} and brings its ${count(result.versions, 'version')} here`,
        problem: false,
      };
    case 'several':
      return { text: `Connected, but this token opens ${result.journals} journals: this device can join one, so use a token for just that one`, problem: true };
    case 'another':
      return {
        text: `Connected, but this token opens journal ${other}, not this device’s, which has ${result.heldHere ?? 'notes'} of its own. Use a token for this journal, or join that one below.`,
        problem: true,
      };
    case 'none':
      return { text: 'Connected, but this token opens no journal: make one for this journal on the server', problem: true };
  }
}
