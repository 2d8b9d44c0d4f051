/** A star with an orbit, for the Galaxy tab (24×24 line art, currentColor, like the game's other glyphs). */
export function GalaxyIcon({ size = 18 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" strokeLinecap="round" aria-hidden="true">
      <circle cx="12" cy="12" r="3" />
      <ellipse cx="12" cy="12" rx="10" ry="4.5" transform="rotate(-25 12 12)" />
      <circle cx="19.5" cy="7.6" r="1.2" fill="currentColor" stroke="none" />
    </svg>
  );
}
