// Settings: the exchange folders watched for bundles (a USB stick, a shared folder), added and
// removed.

import { useState, type SubmitEvent } from 'react';
import { useFerry } from '../api/ferry-context.js';
import { ago, fullTime } from '../ui/time.js';
import { PathField } from './PathField.js';
import { ActionButton, Section, useAction, Outcome, type SectionProps } from './settings-parts.js';

export function FoldersSection({ settings, onSettings }: SectionProps) {
  const api = useFerry();
  const action = useAction();
  const [path, setPath] = useState('');
  const now = Date.now();

  const add = (event: SubmitEvent) => {
    event.preventDefault();
    action.run('add', async () => {
      const folder = path.trim();
      if (folder === '') throw new Error('Type the folder’s path first.');
      onSettings(await api.addExchangeFolder({ path: folder }));
      setPath('');
      return `Added ${folder}: bundles found there are imported, and this device’s bundle is kept there.`;
    });
  };

  const remove = (folder: string) =>
    action.run(`remove ${folder}`, async () => {
      onSettings(await api.removeExchangeFolder({ path: folder }));
      return `Removed ${folder}: Ferry no longer looks there. The files in it are left as they are.`;
    });

  return (
    <Section title="Exchange folders">
      <p className="muted">
        An exchange folder is a folder on a USB stick or a synced folder: bundles from other devices found there are imported, and this device’s bundle is kept up to date there.
      </p>
      {settings.exchangeFolders.length === 0 ? (
        <p className="muted">No exchange folder yet.</p>
      ) : (
        <ul className="settings-folders">
          {settings.exchangeFolders.map((folder) => (
            <li key={folder.path}>
              <code className="settings-path">{folder.path}</code>
              <ActionButton action={action} run={`remove ${folder.path}`} label="Remove" busy="Removing…" onClick={() => remove(folder.path)} />
              {folder.lastImport === null && folder.lastWrite === null && <span className="settings-folder-state muted">Watched: nothing exchanged there since Ferry started.</span>}
              {[folder.lastImport, folder.lastWrite].map(
                (done) =>
                  done !== null && (
                    <span key={done.text} className="settings-folder-state muted" title={fullTime(done.time)}>
                      {done.text} — {ago(done.time, now)}
                    </span>
                  ),
              )}
              {folder.lastError !== null && <span className="settings-folder-state error-text">{folder.lastError}</span>}
            </li>
          ))}
        </ul>
      )}
      <form className="settings-row" onSubmit={add}>
        <PathField label="Folder path" value={path} onChange={setPath} placeholder="/media/usb/ferry" purpose="exchangeFolder" />
        <ActionButton action={action} run="add" label="Add folder" busy="Adding…" type="submit" />
        <Outcome action={action} />
      </form>
    </Section>
  );
}
