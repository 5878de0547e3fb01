/**
 * Canvas-local UI state shared with the inspector: the relationship picker (opened by a drawn
 * connection or by "Add relationship") and requests to fit the view (after auto layout).
 */
import { create } from 'zustand';

export interface PickerRequest {
  from: string;
  /** Set when drawn on the canvas; absent when opened from the inspector (the user picks it). */
  to?: string;
}

interface CanvasState {
  picker: PickerRequest | null;
  /** Bumped to ask the canvas to fit its view. */
  fitRequest: number;
  /** Layouts being computed (a template's late layout, auto layout): the canvas says "Laying out…" meanwhile. */
  laying: number;
  /** Marks a layout under way until `done` settles. */
  trackLayout<T>(done: Promise<T>): Promise<T>;
  openPicker(request: PickerRequest): void;
  closePicker(): void;
  requestFit(): void;
}

export const useCanvas = create<CanvasState>()((set) => ({
  picker: null,
  fitRequest: 0,
  laying: 0,
  trackLayout: (done) => {
    set((s) => ({ laying: s.laying + 1 }));
    return done.finally(() => set((s) => ({ laying: Math.max(0, s.laying - 1) })));
  },
  openPicker: (picker) => set({ picker }),
  closePicker: () => set({ picker: null }),
  requestFit: () => set((s) => ({ fitRequest: s.fitRequest + 1 })),
}));
