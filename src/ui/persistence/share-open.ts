/**
 * Share links: copying one, and opening one. An opened link always becomes a NEW model in the list
 * (titled "<name> (shared)"), never written over an existing one; the fragment is then removed so a
 * reload does not import it again.
 */
import { fromShareFragment, toShareFragment } from '../../core/index';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { useSession, type Session } from './session';

/** The share fragment of a `location.hash`, or null when there is none. */
export function sharedFragment(hash: string): string | null {
  const f = hash.startsWith('#') ? hash.slice(1) : hash;
  return f.trim() === '' ? null : f;
}

export function shareUrl(loc: { origin: string; pathname: string }, fragment: string): string {
  return `${loc.origin}${loc.pathname}#${fragment}`;
}

export function sharedTitle(name: string): string {
  return `${name.trim() || 'Untitled model'} (shared)`;
}

function clearFragment() {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** Opens the fragment as a new model copy; true when it was opened. A bad fragment shows the problem dialog. */
export async function openShared(session: Session, fragment: string): Promise<boolean> {
  const res = await fromShareFragment(fragment);
  clearFragment();
  if (!res.ok) {
    useUi.getState().showProblem({
      title: 'Cannot open the share link',
      message: res.error.message,
      note: 'Nothing was opened; your saved models are untouched. Ask for the link again (it may have been cut off).',
    });
    return false;
  }
  const before = useDocument.getState().docId;
  await session.createModel(sharedTitle(res.value.name), { model: res.value, layout: { positions: {} } });
  const opened = useDocument.getState().docId !== before;
  if (opened) useUi.getState().notify(`Opened a shared copy of “${res.value.name}”`);
  return opened;
}

/** Boot: a share link in the URL opens as a new model; otherwise the usual restore (or `?fixture=`). */
export async function bootWithShareLink(session: Session, fixture: string | null) {
  const fragment = sharedFragment(location.hash);
  if (fragment) {
    await session.refresh();
    if (await openShared(session, fragment)) {
      useSession.setState({ ready: true });
      return;
    }
  }
  await session.boot(fixture);
}

/** A link pasted into the address bar of an open app only changes the hash. */
export function listenForShareLinks(session: Session): () => void {
  const onHash = () => {
    const f = sharedFragment(location.hash);
    if (f) void openShared(session, f);
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}

export async function copyShareLink() {
  const model = useDocument.getState().document.model;
  const url = shareUrl(location, await toShareFragment(model));
  try {
    await navigator.clipboard.writeText(url);
    useUi.getState().notify(`Share link copied (${url.length.toLocaleString()} characters)`);
  } catch {
    useUi.getState().showProblem({
      title: 'Copy the share link',
      message: url,
      note: 'The clipboard could not be written; select the link above and copy it. Anyone with the link can open a copy of this model.',
    });
  }
}
