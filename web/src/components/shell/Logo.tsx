/** The Starscape mark (a ringed world and its moon) and wordmark. */
export function LogoMark({ size = 30 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="starscape-mark" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#5ff0ff" />
          <stop offset="1" stopColor="#7c6bff" />
        </linearGradient>
      </defs>
      <circle cx="16" cy="16" r="7.5" fill="url(#starscape-mark)" />
      <path d="M12 13.2a5 5 0 0 1 6.5-2.4" stroke="#ffffff" strokeOpacity="0.55" strokeWidth="1.4" fill="none" strokeLinecap="round" />
      <ellipse cx="16" cy="16" rx="14.5" ry="4.8" fill="none" stroke="url(#starscape-mark)" strokeWidth="1.6" transform="rotate(-24 16 16)" />
      <circle cx="27.2" cy="7.6" r="1.7" fill="#ffffff" />
    </svg>
  );
}

export function Wordmark() {
  return (
    <span style={{ fontWeight: 800, letterSpacing: '0.18em', textTransform: 'uppercase', fontSize: '0.98rem' }}>Starscape</span>
  );
}
