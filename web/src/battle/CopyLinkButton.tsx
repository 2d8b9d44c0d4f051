'use client';

import { useState } from 'react';

/** Copies this page's address (a battle's replay link) to the clipboard. */
export function CopyLinkButton({ className }: { className?: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
    } catch {
      setCopied(false);
    }
    setTimeout(() => setCopied(null), 2000);
  };
  return (
    <button type="button" className={`btn btn-sm ${className ?? ''}`} onClick={copy} aria-live="polite">
      {copied === true ? 'Link copied' : copied === false ? 'Copy failed: use the address bar' : 'Copy replay link'}
    </button>
  );
}
