// Settings: bundles by hand, exported for a peer or of everything, and imported; another journal's
// whole bundle, refused on a device with notes of its own, may be joined bringing them.

import { useState, type SubmitEvent } from 'react';
import { proposedBundleName } from '../../shared/bundle.js';
import { FerryError } from '../../shared/errors.js';
import { useFerry, useLoad } from '../api/ferry-context.js';
import { localDay } from '../journal/calendar-month.js';
import { PathField } from './PathField.js';
import { ActionButton, Section, Field, useAction, Outcome, peerName, count, size } from './settings-parts.js';


export function BundlesSection() {
  const api = useFerry();
  const peers = useLoad((a) => a.peers(), [], { onEvents: ['bundleImported'] });
  const exporting = useAction();
  const importing = useAction();
  const [exportPath, setExportPath] = useState('');
  const [peer, setPeer] = useState('');
  const [importPath, setImportPath] = useState('');
  // A bundle of another journal refused, this device having notes of its own: joining it brings them along.
  const [joinable, setJoinable] = useState<string | null>(null);
  const others = (peers.value ?? []).filter((p) => !p.self);
  const chosen = others.find((p) => p.replicaId === peer);
  const self = (peers.value ?? []).find((p) => p.self);
  const suggestedName = proposedBundleName(self?.deviceName ?? 'ferry', localDay(new Date()), chosen === undefined ? undefined : (chosen.deviceName ?? chosen.replicaId.slice(0, 8)));

  const exportBundle = (event: SubmitEvent) => {
    event.preventDefault();
    exporting.run('export', async () => {
      const path = exportPath.trim();
      if (path === '') throw new Error('Type where to write the bundle: a file, or a folder such as a USB stick.');
      const made = await api.exportBundle(peer === '' ? { path } : { path, peer });
      return `Wrote ${count(made.versions, 'version')} (${size(made.bytes)}) to ${made.file}`;
    });
  };

  const importBundle = (event: SubmitEvent) => {
    event.preventDefault();
    importing.run('import', async () => {
      const path = importPath.trim();
      setJoinable(null);
      if (path === '') throw new Error('Type the path of the bundle file (a .ferry file).');
      try {
        const result = await api.importBundle({ path });
        peers.reload();
        return result.stored === 0 ? 'Nothing new: this journal already holds all of it' : `Imported ${count(result.stored, 'version')} changing ${count(result.notes, 'note')}`;
      } catch (error) {
        if (error instanceof FerryError && error.code === 'JournalMismatch' && / of its own/u.test(error.message)) setJoinable(path);
        throw error;
      }
    });
  };

  const joinBundle = () =>
    importing.run('join', async () => {
      if (joinable === null) return '';
      const result = await api.importBundle({ path: joinable, join: true });
      setJoinable(null);
      peers.reload();
      const carried = result.carried === null ? '' : `, bringing ${count(result.carried.notes, 'note')}`;
      const kept = result.carried === null ? '' : ` This device’s journal as it was is kept, to read from, in ${result.carried.keptCopy}.`;
      return `Joined its journal${carried}, and imported ${count(result.stored, 'version')}.${kept}`;
    });

  return (
    <Section title="Bundles">
      <p className="muted">A bundle is a file that carries versions to a device by hand, on a USB stick or any other way. Paths are on the machine Ferry’s engine runs on. The desktop app also has Import bundle… and Export bundle… in its File menu.</p>
      <form className="settings-form" onSubmit={exportBundle}>
        <h3>Export</h3>
        <PathField label="Export to (file or folder)" value={exportPath} onChange={setExportPath} placeholder="/media/usb/" purpose="exportBundle" suggestedName={suggestedName} />
        <Field label="Bundle holds">
          {(id) => (
            <select id={id} value={peer} onChange={(e) => setPeer(e.target.value)}>
              <option value="">Everything (a full bundle)</option>
              {others.map((p) => (
                <option key={p.replicaId} value={p.replicaId}>
                  {`What ${peerName(p)} lacks`}
                </option>
              ))}
            </select>
          )}
        </Field>
        {chosen?.behind === null && <p className="muted">Ferry never heard what {peerName(chosen)} holds, so this bundle holds everything.</p>}
        <div className="settings-row">
          <ActionButton action={exporting} run="export" label="Export bundle" busy="Exporting…" type="submit" />
          <Outcome action={exporting} />
        </div>
      </form>
      <form className="settings-form" onSubmit={importBundle}>
        <h3>Import</h3>
        <PathField label="Bundle file" value={importPath} onChange={setImportPath} placeholder="/media/usb/laptop.ferry" purpose="importBundle" />
        <div className="settings-row">
          <ActionButton action={importing} run="import" label="Import bundle" busy="Importing…" type="submit" />
          <Outcome action={importing} />
        </div>
        {joinable !== null && (
          <div className="settings-offer">
            <p>Or join the journal of that bundle and bring this device’s notes into it: each note goes with its latest text, and its history here stays in a copy of this journal, kept beside it to read from.</p>
            <div className="settings-row">
              <ActionButton action={importing} run="join" label="Join its journal, bringing this device’s notes" busy="Joining…" onClick={joinBundle} />
            </div>
          </div>
        )}
      </form>
    </Section>
  );
}
