import { create } from 'zustand';

export type Theme = 'light' | 'dark';
export type DialogName = 'palette' | 'import' | 'export' | 'models' | 'addResource' | null;

/** A problem shown in a modal dialog (an import that failed, ...): what, and where in the input. */
export interface ProblemReport {
  title: string;
  message: string;
  path?: ReadonlyArray<string | number>;
  /** What happened as a result (e.g. that nothing was changed). */
  note?: string;
}

export interface UiState {
  theme: Theme;
  dialog: DialogName;
  problem: ProblemReport | null;
  issuesOpen: boolean;
  /** A short-lived confirmation ("Copied", "Imported …") for the status area. */
  notice: string | null;
  setTheme(theme: Theme): void;
  toggleTheme(): void;
  openDialog(dialog: DialogName): void;
  closeDialog(): void;
  showProblem(problem: ProblemReport | null): void;
  setIssuesOpen(open: boolean): void;
  notify(notice: string | null): void;
}

const THEME_KEY = 'relata:theme';

function initialTheme(): Theme {
  if (typeof document === 'undefined') return 'light';
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function applyTheme(theme: Theme) {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Not persisting the theme is harmless.
  }
}

let noticeTimer: ReturnType<typeof setTimeout> | null = null;

export const useUi = create<UiState>()((set, get) => ({
  theme: initialTheme(),
  dialog: null,
  problem: null,
  issuesOpen: true,
  notice: null,
  setTheme(theme) {
    applyTheme(theme);
    set({ theme });
  },
  toggleTheme() {
    get().setTheme(get().theme === 'dark' ? 'light' : 'dark');
  },
  openDialog(dialog) {
    set({ dialog });
  },
  closeDialog() {
    set({ dialog: null });
  },
  showProblem(problem) {
    set({ problem });
  },
  setIssuesOpen(issuesOpen) {
    set({ issuesOpen });
  },
  notify(notice) {
    if (noticeTimer) clearTimeout(noticeTimer);
    set({ notice });
    if (notice) noticeTimer = setTimeout(() => set({ notice: null }), 2500);
  },
}));

/** `["resources", 2, "attributes", 0, "type"]` → `resources[2].attributes[0].type`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
