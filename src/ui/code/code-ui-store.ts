import { create } from 'zustand';
import type { CodeLanguage } from './code-sync';

/** Inspector tab and code-view choices; kept across selections so the Code tab stays open. */
interface CodeUiState {
  tab: 'properties' | 'code';
  language: CodeLanguage;
  /** `resource`: the selected resource (whole model when nothing is selected); `model`: every resource. */
  scope: 'resource' | 'model';
  setTab(tab: CodeUiState['tab']): void;
  setLanguage(language: CodeLanguage): void;
  setScope(scope: CodeUiState['scope']): void;
}

export const useCodeUi = create<CodeUiState>()((set) => ({
  tab: 'properties',
  language: 'elixir',
  scope: 'resource',
  setTab: (tab) => set({ tab }),
  setLanguage: (language) => set({ language }),
  setScope: (scope) => set({ scope }),
}));
