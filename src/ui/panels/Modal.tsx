import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** `alertdialog` for problems the user must acknowledge. */
  role?: 'dialog' | 'alertdialog';
  className?: string;
  /** Hide the visible heading (the dialog keeps it as its accessible name). */
  hideTitle?: boolean;
}

/** A native modal `<dialog>`: focus trap, Escape and the top layer come from the browser. */
export function Modal({ title, onClose, children, role = 'dialog', className, hideTitle }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // StrictMode's mount/unmount/mount closes and reopens the dialog; the stale `close` event of the
    // first close arrives after the reopen and must not close it again.
    const handleClose = () => {
      if (!dialog.open) onCloseRef.current();
    };
    dialog.addEventListener('close', handleClose);
    return () => {
      dialog.removeEventListener('close', handleClose);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-modal="true"
      className={`modal ${className ?? ''}`}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === e.currentTarget) onCloseRef.current();
      }}
    >
      <div className="modal-body">
        <header className="modal-header">
          <h2 id={titleId} className={hideTitle ? 'visually-hidden' : undefined}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={() => onCloseRef.current()}>
            ×
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}
