import { create } from 'zustand';

/** Which collapsible inspector sections are closed (by section id); kept across selections. */
interface SectionsState {
  closed: Record<string, true>;
  toggle(id: string): void;
}

export const useSections = create<SectionsState>()((set) => ({
  closed: {},
  toggle: (id) => set((s) => {
    if (s.closed[id]) {
      const { [id]: _open, ...rest } = s.closed;
      return { closed: rest };
    }
    return { closed: { ...s.closed, [id]: true } };
  }),
}));
