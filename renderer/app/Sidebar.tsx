// The sidebar: a new note, the app's places (notes, journal, conflicts, trash, devices,
// settings) and the tags to filter by, with counts that follow the engine's events.

import { useFerry, useLoad } from '../api/ferry-context.js';
import type { View } from './navigation.js';
import { hint, type Command } from '../../shared/shortcuts.js';

interface SidebarProps {
  view: View;
  tag: string | null;
  mac: boolean;
  onNavigate: (view: View, tag?: string | null) => void;
  onNewNote: () => void;
  /** Hides the sidebar and the list, for the note to have the window. */
  onHide: () => void;
}

const places: { view: View; label: string; command?: Command }[] = [
  { view: 'notes', label: 'All notes' },
  { view: 'journal', label: 'Journal', command: 'today' },
  { view: 'conflicts', label: 'Conflicts' },
  { view: 'trash', label: 'Trash' },
  { view: 'devices', label: 'Devices' },
  { view: 'settings', label: 'Settings', command: 'settings' },
];

export function Sidebar({ view, tag, mac, onNavigate, onNewNote, onHide }: SidebarProps) {
  const api = useFerry();
  const tags = useLoad(() => api.listTags(), [api]);
  // The sync status carries the count; listing the notes in conflict only to count them is not needed.
  const status = useLoad(() => api.syncStatus(), [api], { onEvents: ['notesChanged', 'syncStatus'] });
  const conflictCount = status.value?.conflicts ?? 0;
  return (
    <nav className="sidebar" aria-label="Places">
      <div className="sidebar-top">
        <button type="button" className="primary new-note" onClick={onNewNote} title={`New note (${hint('newNote', mac)})`}>
          New note
        </button>
        <button type="button" className="lists-toggle" aria-label="Hide the sidebar and list" title={`Hide the sidebar and list (${hint('lists', mac)})`} onClick={onHide}>
          «
        </button>
      </div>
      {places.map((place) => (
        <button
          key={place.view}
          type="button"
          className="nav-item"
          aria-current={view === place.view && (place.view !== 'notes' || tag === null) ? 'page' : undefined}
          onClick={() => onNavigate(place.view, null)}
          title={place.command === undefined ? undefined : hint(place.command, mac)}
        >
          <span>{place.label}</span>
          {place.view === 'conflicts' && conflictCount > 0 ? (
            <span className="badge" aria-label={`${conflictCount} in conflict`}>
              {conflictCount}
            </span>
          ) : null}
        </button>
      ))}
      <h2 id="tags-heading">Tags</h2>
      <div role="group" aria-labelledby="tags-heading">
        {tags.value?.length === 0 ? <p className="muted" style={{ margin: '0 8px', fontSize: 12 }}>No tags yet: add some in a note’s Tags field.</p> : null}
        {(tags.value ?? []).map(({ tag: name, notes }) => (
          <button key={name} type="button" className="nav-item" aria-current={view === 'notes' && tag === name ? 'page' : undefined} onClick={() => onNavigate('notes', name)}>
            <span>#{name}</span>
            <span className="count">{notes}</span>
          </button>
        ))}
      </div>
    </nav>
  );
}
