import { useUi } from '../state/ui-store';

type LayoutModule = { autoLayout?: () => unknown };

// The canvas owns layout (`autoLayout()` in src/ui/canvas/layout.ts). A glob import keeps the toolbar
// building while that module does not exist yet: the glob is then empty and the button says so.
const modules = import.meta.glob<LayoutModule>('../canvas/layout.ts', { eager: true });

export async function runAutoLayout(): Promise<void> {
  const autoLayout = Object.values(modules)[0]?.autoLayout;
  if (typeof autoLayout !== 'function') {
    useUi.getState().notify('Auto layout is not available yet');
    return;
  }
  await autoLayout();
}
